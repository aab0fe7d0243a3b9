package io.verity.documents.decision;

import io.verity.documents.fraud.ForensicsReport;

/**
 * What was measured on one side's image.
 *
 * @param side             "front" or "back"
 * @param forensics        the image forensics, or null when the image could not be analysed ({@code problem} says why)
 * @param earlierSightings how many images seen before (by any client) have the same perceptual hash; which ones is
 *                         never revealed
 * @param problem          why the image was not analysed, or null
 */
public record SideEvidence(String side, ForensicsReport forensics, int earlierSightings, String problem) {
}
