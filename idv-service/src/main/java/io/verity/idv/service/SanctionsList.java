package io.verity.idv.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.verity.documents.sanctions.SanctionsMatch;
import io.verity.documents.sanctions.SanctionsScreener;
import io.verity.documents.sanctions.SdnList;
import io.verity.idv.config.DocumentsConfig;
import io.verity.platform.net.OutboundHttp;
import io.verity.platform.net.OutboundRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The OFAC SDN list in force: read at start and every {@code verity.documents.sanctions.refresh} from a directory or
 * a URL (fetched through {@link OutboundHttp}, so with its SSRF checks and size limit). A failed refresh keeps the
 * list already loaded and says so in the log; without any list, screening is not performed (never reported clear).
 */
@ApplicationScoped
public class SanctionsList {

    private static final Logger LOG = Logger.getLogger(SanctionsList.class);
    private static final String[] FILES = {"sdn.csv", "alt.csv", "add.csv"};

    /** A loaded list and its version: entry count and SHA-256 of the three files. */
    public record Loaded(SanctionsScreener screener, String version) {
    }

    @Inject
    DocumentsConfig config;

    @Inject
    OutboundHttp outbound;

    private volatile Loaded loaded;

    void onStart(@Observes StartupEvent event) {
        // the first load runs on a worker thread: OutboundHttp refuses the event loop
        Thread.ofVirtual().name("sanctions-load").start(this::refresh);
    }

    @Scheduled(every = "${verity.documents.sanctions.refresh:24h}", delayed = "${verity.documents.sanctions.refresh:24h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        refresh();
    }

    /** Reads the configured list again; true when it was read. */
    public boolean refresh() {
        String source = config.sanctions().source().filter(s -> !s.isBlank()).orElse(null);
        return source != null && load(source);
    }

    /**
     * Reads the list from a directory or http(s) folder URL; true when it was read and is now in force. On failure
     * the list in force stays.
     */
    public synchronized boolean load(String source) {
        try {
            String[] texts = new String[FILES.length];
            for (int i = 0; i < FILES.length; i++) {
                texts[i] = read(source, FILES[i]);
            }
            SdnList list;
            try (Reader sdn = new StringReader(texts[0]); Reader alt = reader(texts[1]); Reader add = reader(texts[2])) {
                list = SdnList.parse(sdn, alt, add);
            }
            String version = "OFAC SDN " + list.size() + " entries, sha256 " + digest(texts).substring(0, 16);
            loaded = new Loaded(new SanctionsScreener(list), version);
            LOG.infof("sanctions list loaded from %s: %s", source, version);
            return true;
        } catch (IOException | IllegalArgumentException | OutboundRefusedException e) {
            // message only: the parser's and the HTTP client's texts say what was wrong without internals
            LOG.errorf("sanctions list not loaded from %s (%s); %s", source, e.getMessage(),
                    loaded == null ? "screening is not performed until it is" : "keeping " + loaded.version());
            return false;
        }
    }

    /** The list in force, or null when none could be loaded. */
    public Loaded current() {
        return loaded;
    }

    /** The matches of a person, or null when no list is loaded. */
    public List<SanctionsMatch> screen(String first, String middle, String last, LocalDate birthDate, double tolerance) {
        Loaded l = loaded;
        return l == null ? null : l.screener().screen(first, middle, last, birthDate, tolerance);
    }

    private String read(String source, String file) throws IOException {
        if (source.startsWith("http://") || source.startsWith("https://")) {
            String url = source.endsWith("/") ? source + file : source + "/" + file;
            try {
                var answer = outbound.get(url, "sanctions source");
                if (answer.truncated()) {
                    throw new IllegalArgumentException(file + " is larger than verity.outbound.max-body-bytes");
                }
                return new String(answer.body(), StandardCharsets.ISO_8859_1);
            } catch (OutboundRefusedException e) {
                if ("sdn.csv".equals(file)) {
                    throw e;
                }
                LOG.warnf("sanctions list: %s not read (%s); screening without it", file, e.getMessage());
                return null;
            }
        }
        Path path = Path.of(source).resolve(file);
        if (!"sdn.csv".equals(file) && !Files.exists(path)) {
            return null;
        }
        return Files.readString(path, StandardCharsets.ISO_8859_1);
    }

    private static Reader reader(String text) {
        return text == null ? null : new StringReader(text);
    }

    private static String digest(String[] texts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String t : texts) {
                if (t != null) {
                    sha.update(t.getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
