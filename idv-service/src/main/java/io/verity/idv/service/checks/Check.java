package io.verity.idv.service.checks;

/**
 * One check of finalization. Checks are CDI beans run in {@link #order()}; the document issue adds its own
 * (document reading, OCR matches, AAMVA) as further beans. A check that cannot be computed truthfully answers
 * {@link CheckResult#notPerformed}, never a pass.
 */
public interface Check {

    String name();

    int order();

    CheckResult evaluate(CheckContext context);
}
