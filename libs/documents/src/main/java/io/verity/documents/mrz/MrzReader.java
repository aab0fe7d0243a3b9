package io.verity.documents.mrz;

import io.verity.documents.ocr.TextLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the MRZ among the lines OCR read on a page: lines with fillers, merged into rows when the detector split a
 * row, then the bottom-most two or three rows that parse as a known format, preferring the reading whose check
 * digits hold.
 */
public final class MrzReader {

    private static final String FILLER_LOOKALIKES = "<«‹〈く＜";

    private MrzReader() {
    }

    public static Optional<Mrz> find(List<TextLine> lines) {
        List<TextLine> candidates = lines.stream().filter(MrzReader::looksLikeMrz)
                .sorted(Comparator.comparingDouble(l -> l.box().cy())).toList();
        List<List<TextLine>> rows = new ArrayList<>();
        for (TextLine line : candidates) {
            List<TextLine> last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (last != null && last.get(0).box().verticalOverlap(line.box()) >= 0.5) {
                last.add(line);
            } else {
                rows.add(new ArrayList<>(List.of(line)));
            }
        }
        List<String> texts = rows.stream().map(row -> {
            StringBuilder s = new StringBuilder();
            row.stream().sorted(Comparator.comparingDouble(l -> l.box().left())).forEach(l -> s.append(l.mrzText()));
            return s.toString();
        }).toList();
        Mrz best = null;
        for (int count : new int[] {3, 2}) {
            for (int end = texts.size(); end >= count; end--) {
                Optional<Mrz> mrz = MrzParser.parse(texts.subList(end - count, end));
                if (mrz.isPresent() && (best == null || score(mrz.get()) > score(best))) {
                    best = mrz.get();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static int score(Mrz mrz) {
        int valid = (int) mrz.checkDigits().stream().filter(c -> c.valid()).count();
        return valid * 10 + (mrz.allChecksValid() ? 5 : 0) - mrz.repairs().size() / 10;
    }

    static boolean looksLikeMrz(TextLine line) {
        long fillers = line.text().chars().filter(c -> FILLER_LOOKALIKES.indexOf(c) >= 0).count();
        return fillers >= 1 && line.mrzText().length() >= 8;
    }
}
