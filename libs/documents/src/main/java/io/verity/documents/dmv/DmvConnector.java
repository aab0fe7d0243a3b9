package io.verity.documents.dmv;

import io.verity.documents.DocumentFields;

/**
 * Asks the issuing motor-vehicle administration whether a driver licence or ID card's data agree with its record
 * (AAMVA's Driver License Data Verification, DLDV). Each answer field is the spec's {@code dmv_*_match}.
 */
public interface DmvConnector {

    /**
     * @param fields       the document's fields (barcode first)
     * @param documentType the spec's document type (driver_license, identification_card)
     * @param scenario     AAMVA's test scenario to answer from, or null for the live service
     */
    DmvResult verify(DocumentFields fields, String documentType, String scenario);
}
