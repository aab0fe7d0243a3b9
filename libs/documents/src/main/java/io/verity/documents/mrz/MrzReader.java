package io.verity.documents.mrz;

import io.verity.documents.ocr.TextBox;
import io.verity.documents.ocr.TextLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the MRZ among the lines OCR read on a page and reads it again, whole:
 * <ol>
 * <li>MRZ-like lines (fillers, or long runs of capitals and digits) are grouped into rows, since the text detector
 *     often splits a row at its long filler runs or stops short of them;</li>
 * <li>every MRZ line starts at the same left edge and is as long as the others, so the bottom rows are re-cropped
 *     across the block's whole width, along their own slant, and recognised again over the MRZ alphabet;</li>
 * <li>the bottom-most two or three rows that parse as a known format win, the reading whose check digits hold
 *     preferred.</li>
 * </ol>
 */
public final class MrzReader {

    private static final String FILLER_LOOKALIKES = "<«‹〈く＜";

    private MrzReader() {
    }

    /**
     * @param lines      every line OCR read on the page
     * @param imageWidth the page's width in pixels (a row is never cropped past it)
     * @param recognize  reads a box again (the recogniser on the same image)
     */
    public static Optional<Mrz> find(List<TextLine> lines, double imageWidth, Function<TextBox, TextLine> recognize) {
        List<List<TextLine>> rows = rows(lines);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        // The block: the bottom rows, at most three, each within a few line heights of the one below.
        List<List<TextLine>> block = new ArrayList<>();
        for (int i = rows.size() - 1; i >= 0 && block.size() < 3; i--) {
            TextBox widest = widest(rows.get(i));
            if (!block.isEmpty()) {
                TextBox below = widest(block.get(0));
                if (below.cy() - widest.centreYAt(below.cx()) > 3 * Math.max(widest.height(), below.height())) {
                    break;
                }
            }
            block.add(0, rows.get(i));
        }
        double left = block.stream().flatMap(List::stream).mapToDouble(l -> l.box().left()).min().orElse(0);
        double right = block.stream().flatMap(List::stream).mapToDouble(l -> l.box().right()).max().orElse(0);
        // The detector often stops short of a line's last filler run on every line: reach as far as 44 characters
        // at the pitch the rows were read at (blank page beyond the MRZ reads as nothing).
        double pitch = block.stream().flatMap(List::stream).filter(l -> l.mrzText().length() >= 8)
                .mapToDouble(l -> l.box().width() / l.mrzText().length()).max().orElse(0);
        right = Math.min(imageWidth - 1, Math.max(right, left + 45 * pitch));
        List<List<String>> readings = new ArrayList<>();
        for (List<TextLine> row : block) {
            TextBox w = widest(row);
            List<String> candidates = new ArrayList<>();
            List<TextLine> crops = new ArrayList<>();
            candidates.add(joined(row));
            candidates.add(gapFilled(row, pitch, right));
            for (double grow : new double[] {1.0, 1.15, 1.3}) {
                double margin = 0.4 * w.height();
                double x0 = Math.max(0, left - margin);
                double x1 = right + margin;
                double cx = (x0 + x1) / 2;
                double cy = w.cy() + (cx - w.cx()) * Math.tan(w.angle());
                TextBox across = new TextBox(cx, cy, (x1 - x0) / Math.cos(w.angle()), w.height() * grow, w.angle(), w.score());
                TextLine crop = recognize.apply(across);
                crops.add(crop);
                candidates.add(crop.mrzText());
            }
            String voted = vote(crops);
            if (voted != null) {
                candidates.add(voted);
            }
            readings.add(candidates);
        }
        if (Boolean.getBoolean("verity.documents.debug")) {
            System.out.println("mrz readings " + readings);
        }
        // The length the lines should have: the format length most readings have exactly.
        int length = 44;
        long bestVotes = -1;
        for (int candidate : new int[] {44, 36, 30}) {
            long votes = readings.stream().flatMap(List::stream).filter(r -> MrzParser.clean(r).length() == candidate).count();
            if (votes > bestVotes) {
                bestVotes = votes;
                length = candidate;
            }
        }
        int target = length;
        // Per row: the detector's own segments with their gaps filled when that comes within two characters of the
        // length (short crops read best), else the reading of the right length that most crops agree on, else the
        // one closest to that length.
        List<String> chosen = readings.stream().map(candidates -> {
            String filled = candidates.get(1);
            if (Math.abs(MrzParser.clean(filled).length() - target) <= 2) {
                return filled;
            }
            return candidates.stream()
                    .min(Comparator.comparingInt((String r) -> Math.abs(MrzParser.clean(r).length() - target))
                            .thenComparingLong(r -> -candidates.stream().filter(r::equals).count()))
                    .orElseThrow();
        }).toList();
        Mrz best = null;
        for (int count : new int[] {3, 2}) {
            for (int end = chosen.size(); end >= count; end--) {
                Optional<Mrz> mrz = MrzParser.parse(chosen.subList(end - count, end));
                if (mrz.isPresent() && (best == null || score(mrz.get()) > score(best))) {
                    best = mrz.get();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Position by position, the most probable character among the crops' readings of the same length as most of
     * them (each crop misses or confuses a different character of a long line).
     */
    static String vote(List<TextLine> crops) {
        java.util.Map<Integer, Long> lengths = crops.stream().collect(java.util.stream.Collectors.groupingBy(
                c -> c.mrzText().length(), java.util.stream.Collectors.counting()));
        int length = lengths.entrySet().stream().filter(e -> e.getValue() >= 2).map(java.util.Map.Entry::getKey)
                .findFirst().orElse(-1);
        if (length <= 0) {
            return null;
        }
        List<TextLine> same = crops.stream().filter(c -> c.mrzText().length() == length).toList();
        StringBuilder voted = new StringBuilder();
        for (int position = 0; position < length; position++) {
            int i = position;
            char best = same.get(0).mrzText().charAt(i);
            double bestScore = -1;
            for (TextLine c : same) {
                char ch = c.mrzText().charAt(i);
                double score = same.stream().filter(o -> o.mrzText().charAt(i) == ch).mapToDouble(o -> o.mrzProbabilities()[i]).sum();
                if (score > bestScore) {
                    bestScore = score;
                    best = ch;
                }
            }
            voted.append(best);
        }
        return voted.toString();
    }

    private static List<List<TextLine>> rows(List<TextLine> lines) {
        List<TextLine> candidates = lines.stream().filter(MrzReader::looksLikeMrz)
                .sorted(Comparator.comparingDouble(l -> l.box().cy())).toList();
        List<List<TextLine>> rows = new ArrayList<>();
        for (TextLine line : candidates) {
            List<TextLine> last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (last != null && widest(last).verticalOverlap(line.box()) >= 0.3) {
                last.add(line);
            } else {
                rows.add(new ArrayList<>(List.of(line)));
            }
        }
        return rows;
    }

    /**
     * The row's detector segments in order, each gap between them (where the detector dropped a run of fillers)
     * filled with as many fillers as fit at the row's pitch, and the row padded with fillers to the block's right
     * edge when it ends in a filler run.
     */
    static String gapFilled(List<TextLine> row, double pitch, double right) {
        List<TextLine> segments = row.stream().sorted(Comparator.comparingDouble(l -> l.box().left())).toList();
        StringBuilder s = new StringBuilder();
        double previousRight = Double.NaN;
        for (TextLine segment : segments) {
            if (!Double.isNaN(previousRight) && pitch > 0) {
                s.append("<".repeat((int) Math.max(0, Math.round((segment.box().left() - previousRight) / pitch))));
            }
            s.append(segment.mrzText());
            previousRight = segment.box().right();
        }
        if (pitch > 0 && s.length() > 0 && s.charAt(s.length() - 1) == '<') {
            s.append("<".repeat((int) Math.max(0, Math.floor((right - previousRight) / pitch))));
        }
        return s.toString();
    }

    private static String joined(List<TextLine> row) {
        StringBuilder s = new StringBuilder();
        row.stream().sorted(Comparator.comparingDouble(l -> l.box().left())).forEach(l -> s.append(l.mrzText()));
        return s.toString();
    }

    private static TextBox widest(List<TextLine> row) {
        return row.stream().map(TextLine::box).max(Comparator.comparingDouble(TextBox::width)).orElseThrow();
    }

    private static int score(Mrz mrz) {
        int valid = (int) mrz.checkDigits().stream().filter(c -> c.valid()).count();
        return valid * 10 + (mrz.allChecksValid() ? 5 : 0) - mrz.repairs().size();
    }

    /** Fillers, or a long run of capitals and digits without spaces (a line of data without any filler). */
    static boolean looksLikeMrz(TextLine line) {
        String text = line.text();
        long fillers = text.chars().filter(c -> FILLER_LOOKALIKES.indexOf(c) >= 0).count();
        if (fillers >= 1 && line.mrzText().length() >= 4) {
            return true;
        }
        long upperOrDigit = text.chars().filter(c -> c >= 'A' && c <= 'Z' || c >= '0' && c <= '9').count();
        return line.mrzText().length() >= 26 && upperOrDigit >= 0.95 * text.length();
    }
}
