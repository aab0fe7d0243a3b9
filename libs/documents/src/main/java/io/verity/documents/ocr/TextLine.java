package io.verity.documents.ocr;

/**
 * One line of text read from an image.
 *
 * @param box        where it is
 * @param text       what the recogniser read, over its whole character set
 * @param confidence the mean probability of the characters read (0–1)
 * @param mrzText    the same line decoded over the MRZ alphabet only ({@code A–Z 0–9 <}), for the MRZ reader
 * @param mrzProbabilities the probability of each character of {@code mrzText}
 */
public record TextLine(TextBox box, String text, float confidence, String mrzText, float[] mrzProbabilities) {
}
