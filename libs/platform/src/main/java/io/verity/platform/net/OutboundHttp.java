package io.verity.platform.net;

import static io.verity.platform.net.OutboundRefusedException.Reason.CONNECT_FAILED;
import static io.verity.platform.net.OutboundRefusedException.Reason.HTTP_ERROR;
import static io.verity.platform.net.OutboundRefusedException.Reason.INVALID_URL;
import static io.verity.platform.net.OutboundRefusedException.Reason.TIMEOUT;
import static io.verity.platform.net.OutboundRefusedException.Reason.TLS_FAILED;
import static io.verity.platform.net.OutboundRefusedException.Reason.TOO_LARGE;
import static io.verity.platform.net.OutboundRefusedException.Reason.TOO_MANY_REDIRECTS;

import io.netty.channel.ConnectTimeoutException;
import io.netty.util.NetUtil;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Outbound HTTP to URLs that callers give Verity ({@code image_url}, {@code webhook_url}), safe against server-side
 * request forgery: every URL and every redirect passes {@link DestinationPolicy}, the connection goes to exactly the
 * address that was checked (while Host, TLS SNI and certificate checks use the URL's host), and each call is bounded
 * by a connect timeout, an overall deadline and a byte limit enforced while reading. See ADR 0002.
 *
 * <p>Every method blocks until the call ends: call it from a worker thread, never from the event loop. Every refusal
 * is an {@link OutboundRefusedException}, logged once here.
 */
@ApplicationScoped
public class OutboundHttp {

    private static final String USER_AGENT = "Verity-Outbound/1";
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> HEADERS_SET_HERE =
            Set.of("host", "content-length", "transfer-encoding", "content-type", "connection");

    private final OutboundConfig config;
    private final DestinationPolicy policy;
    private final HttpClient client;
    private final Vertx vertx;

    @Inject
    public OutboundHttp(Vertx vertx, OutboundConfig config) {
        this(vertx, config, new DestinationPolicy(config.allowList().orElse(List.of())), null);
    }

    /** @param trust the certificates to trust instead of the JVM's, or null */
    OutboundHttp(Vertx vertx, OutboundConfig config, DestinationPolicy policy, TrustOptions trust) {
        requireValid(config);
        this.vertx = vertx;
        this.config = config;
        this.policy = policy;
        // Vert.x pools connections by the server address given to each request, which is always the address just
        // checked: an idle connection is reused only for a call whose own check chose the same address (ADR 0002).
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(!config.keepAlive().isZero())
                .setKeepAliveTimeout((int) Math.max(1, config.keepAlive().toSeconds()))
                .setVerifyHost(true);
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        this.client = vertx.createHttpClient(options);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * Checks a URL without fetching it: scheme, credentials, host, port, and every address the host resolves to.
     *
     * @param field the caller's name for the URL ({@code webhook_url}), used in the refusal's message
     * @return the destination and the address it resolved to
     * @throws OutboundRefusedException if the URL may not be called
     */
    public Destination check(String url, String field) {
        requireWorkerThread();
        try {
            return policy.check(DestinationPolicy.parse(url, field), field, config.timeout());
        } catch (OutboundRefusedException e) {
            throw e.logged("check");
        }
    }

    /**
     * GETs a URL, following up to {@code verity.outbound.max-redirects} redirects, each checked like the first URL.
     *
     * @param field the caller's name for the URL ({@code image_url}), used in the refusal's message
     * @return the 2xx answer with its whole body (at most {@code verity.outbound.max-body-bytes})
     * @throws OutboundRefusedException on any refusal, including a non-2xx answer ({@code http_error})
     */
    public OutboundResponse get(String url, String field) {
        requireWorkerThread();
        long deadline = System.nanoTime() + config.timeout().toNanos();
        BodyRule wholeBodyOfSuccess = new BodyRule(config.maxBodyBytes(), false, true);
        try {
            URI next = DestinationPolicy.parse(url, field);
            for (int redirects = 0; ; redirects++) {
                String hop = redirects == 0 ? field : field + " (redirect " + redirects + ")";
                Destination destination = policy.check(next, field, hop, timeLeft(deadline, field));
                Answer answer = exchange(HttpMethod.GET, destination, null, Map.of(), wholeBodyOfSuccess, field, hop,
                        deadline);
                if (REDIRECTS.contains(answer.status)) {
                    if (redirects == config.maxRedirects()) {
                        throw new OutboundRefusedException(TOO_MANY_REDIRECTS, field,
                                field + " redirected more than " + config.maxRedirects() + " times");
                    }
                    next = redirectTarget(destination, answer.location, field, hop);
                } else if (answer.status / 100 != 2) {
                    throw new OutboundRefusedException(HTTP_ERROR, field, hop + " answered HTTP " + answer.status);
                } else {
                    return answer.toResponse();
                }
            }
        } catch (OutboundRefusedException e) {
            throw e.logged("GET");
        }
    }

    /**
     * POSTs a JSON body to a checked URL. Redirects are not followed (a 3xx is returned as it is), and any status is
     * returned rather than refused, so that a webhook delivery can record it.
     *
     * @param field the caller's name for the URL ({@code webhook_url}), used in the refusal's message
     * @param headers extra request headers (a signature, an event id); Host, Content-Type and Content-Length are set here
     * @return the answer, its body cut at {@code verity.outbound.max-post-response-bytes}
     * @throws OutboundRefusedException if the URL may not be called or the exchange fails
     */
    public OutboundResponse postJson(String url, String field, String json, Map<String, String> headers) {
        requireWorkerThread();
        headers.keySet().stream().filter(name -> HEADERS_SET_HERE.contains(name.toLowerCase(Locale.ROOT))).findFirst()
                .ifPresent(name -> {
                    throw new IllegalArgumentException("the header " + name + " is set by OutboundHttp");
                });
        long deadline = System.nanoTime() + config.timeout().toNanos();
        try {
            Destination destination = policy.check(DestinationPolicy.parse(url, field), field, field,
                    timeLeft(deadline, field));
            Map<String, String> allHeaders = new LinkedHashMap<>(headers);
            allHeaders.put(HttpHeaders.CONTENT_TYPE.toString(), "application/json");
            Answer answer = exchange(HttpMethod.POST, destination, Buffer.buffer(json, StandardCharsets.UTF_8.name()),
                    allHeaders, new BodyRule(config.maxPostResponseBytes(), true, false), field, field, deadline);
            return answer.toResponse();
        } catch (OutboundRefusedException e) {
            throw e.logged("POST");
        }
    }

    /** What to read of a response body: up to {@code limit} bytes, cut or refused beyond, and for which statuses. */
    private record BodyRule(long limit, boolean truncateOverLimit, boolean successOnly) {
    }

    private record Answer(int status, String contentType, String location, byte[] body, boolean truncated) {
        OutboundResponse toResponse() {
            return new OutboundResponse(status, Optional.ofNullable(contentType), body, truncated);
        }
    }

    /** One request and its response, to the destination's checked address, within the deadline. */
    private Answer exchange(HttpMethod method, Destination to, Buffer body, Map<String, String> headers, BodyRule rule,
            String field, String hop, long deadline) {
        long connectMillis = Math.min(config.connectTimeout().toMillis(), timeLeft(deadline, field).toMillis());
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(bareAddress(to), to.port())))
                .setHost(to.host())
                .setPort(to.port())
                .setSsl(to.https())
                .setURI(to.requestTarget())
                .setFollowRedirects(false)
                .setConnectTimeout(Math.max(1, connectMillis))
                .putHeader(HttpHeaders.HOST, to.hostHeader())
                .putHeader(HttpHeaders.USER_AGENT, USER_AGENT)
                .putHeader(HttpHeaders.ACCEPT, "*/*");
        headers.forEach(options::putHeader);
        InFlight inFlight = new InFlight();
        Promise<Answer> outcome = Promise.promise();
        // Started on a Vert.x context, the exchange's callbacks run on that context as events arrive, so the response's
        // handlers are attached before its body does; from a worker thread they would run a task later, and a small
        // response could end before anyone listened (Vert.x then refuses the handlers).
        vertx.getOrCreateContext().runOnContext(ignored -> client.request(options)
                .compose(request -> {
                    if (!inFlight.started(request)) {
                        return Future.failedFuture(new CancellationException("abandoned before it was sent"));
                    }
                    return body == null ? request.send() : request.send(body);
                })
                .compose(response -> read(response, rule, field, hop))
                .onComplete(outcome));
        Future<Answer> answer = outcome.future();
        try {
            return answer.toCompletionStage().toCompletableFuture()
                    .get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            inFlight.abandon();
            throw deadlinePassed(field);
        } catch (InterruptedException e) {
            inFlight.abandon();
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while calling " + to.host());
        } catch (ExecutionException e) {
            throw failure(e.getCause(), to, field, hop);
        }
    }

    /**
     * The checked address without the host name it was resolved from. Vert.x keys its connection pool by the server
     * address's host string, which would otherwise be the name: a name that moved to another address would then be
     * served over the pooled connection to the old one (OutboundHttpTest holds this).
     */
    private static InetAddress bareAddress(Destination to) {
        try {
            return InetAddress.getByAddress(to.address().getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a resolved address has an invalid length", e);
        }
    }

    private static Future<Answer> read(HttpClientResponse response, BodyRule rule, String field, String hop) {
        int status = response.statusCode();
        String contentType = response.getHeader(HttpHeaders.CONTENT_TYPE);
        String location = response.getHeader(HttpHeaders.LOCATION);
        Promise<Answer> promise = Promise.promise();
        // Set first: a reset below reports itself here at once (and unhandled, Vert.x would log it as an error).
        response.exceptionHandler(promise::tryFail);
        long declared = declaredLength(response);
        if (rule.successOnly && status / 100 != 2) {
            // The body is not wanted: close the connection rather than read it.
            promise.complete(new Answer(status, contentType, location, new byte[0], false));
        } else if (declared > rule.limit && !rule.truncateOverLimit) {
            promise.fail(new OutboundRefusedException(TOO_LARGE, field,
                    hop + " declares a body of " + declared + " bytes; the limit is " + rule.limit));
        }
        if (promise.future().isComplete()) {
            response.request().reset();
            return promise.future();
        }
        Buffer received = Buffer.buffer();
        response.handler(chunk -> {
            if (promise.future().isComplete()) {
                return;
            }
            long room = rule.limit - received.length();
            if (chunk.length() <= room) {
                received.appendBuffer(chunk);
                return;
            }
            if (rule.truncateOverLimit) {
                received.appendBuffer(chunk, 0, (int) room);
                promise.complete(new Answer(status, contentType, location, received.getBytes(), true));
            } else {
                promise.fail(new OutboundRefusedException(TOO_LARGE, field,
                        hop + " sent a body of more than " + rule.limit + " bytes, the limit"));
            }
            response.request().reset(); // stop reading: nothing past the limit is kept or waited for
        });
        response.endHandler(end -> promise.tryComplete(
                new Answer(status, contentType, location, received.getBytes(), false)));
        return promise.future();
    }

    private static long declaredLength(HttpClientResponse response) {
        String value = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static URI redirectTarget(Destination from, String location, String field, String hop) {
        if (location == null || location.isBlank()) {
            throw new OutboundRefusedException(HTTP_ERROR, field, hop + " answered a redirect without a Location");
        }
        try {
            URI base = from.url().getRawPath() == null || from.url().getRawPath().isEmpty()
                    ? new URI(from.url().getScheme() + "://" + from.url().getRawAuthority() + "/")
                    : from.url();
            return base.resolve(new URI(location.trim()));
        } catch (URISyntaxException e) {
            throw new OutboundRefusedException(INVALID_URL, field, hop + " redirects to a malformed URL");
        }
    }

    private OutboundRefusedException failure(Throwable cause, Destination to, String field, String hop) {
        if (cause instanceof OutboundRefusedException refusal) {
            return refusal;
        }
        String address = NetUtil.toSocketAddressString(new InetSocketAddress(to.address(), to.port()));
        if (causedBy(cause, SSLException.class)) {
            return new OutboundRefusedException(TLS_FAILED, field,
                    hop + ": the TLS handshake with '" + to.host() + "' failed: " + rootMessage(cause), cause);
        }
        if (cause instanceof ConnectTimeoutException || cause instanceof TimeoutException) {
            return new OutboundRefusedException(TIMEOUT, field, hop + " did not accept a connection within "
                    + readable(config.connectTimeout()) + " (" + address + ")", cause);
        }
        return new OutboundRefusedException(CONNECT_FAILED, field,
                hop + " could not be reached at " + address + ": " + rootMessage(cause), cause);
    }

    private Duration timeLeft(long deadline, String field) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw deadlinePassed(field);
        }
        return Duration.ofNanos(left);
    }

    private OutboundRefusedException deadlinePassed(String field) {
        return new OutboundRefusedException(TIMEOUT, field,
                field + " did not answer within " + readable(config.timeout()));
    }

    private static void requireWorkerThread() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("OutboundHttp blocks until the call ends: call it from a worker thread");
        }
    }

    private static void requireValid(OutboundConfig config) {
        if (config.maxRedirects() < 0 || config.connectTimeout().isNegative() || config.connectTimeout().isZero()
                || config.timeout().isNegative() || config.timeout().isZero()
                || config.maxBodyBytes() < 1 || config.maxBodyBytes() > Integer.MAX_VALUE - 8
                || config.maxPostResponseBytes() < 0) {
            throw new IllegalArgumentException("verity.outbound: max-redirects must be 0 or more, timeouts positive, "
                    + "max-body-bytes between 1 and 2 GiB and max-post-response-bytes 0 or more");
        }
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** The request of one exchange, so that a caller who stops waiting can close its connection. */
    private static final class InFlight {
        private HttpClientRequest request;
        private boolean abandoned;

        synchronized boolean started(HttpClientRequest request) {
            if (abandoned) {
                request.reset();
                return false;
            }
            this.request = request;
            return true;
        }

        synchronized void abandon() {
            abandoned = true;
            if (request != null) {
                request.reset();
            }
        }
    }
}
