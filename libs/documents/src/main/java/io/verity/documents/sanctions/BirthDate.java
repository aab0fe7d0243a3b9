package io.verity.documents.sanctions;

import java.time.LocalDate;

/** A date of birth as a sanctions list gives it: a year, sometimes with month and day. */
public record BirthDate(int year, Integer month, Integer day) {

    /** Whether a document's birth date agrees with this one as far as this one is known. */
    public boolean agreesWith(LocalDate date) {
        return date.getYear() == year && (month == null || date.getMonthValue() == month)
                && (day == null || date.getDayOfMonth() == day);
    }

    @Override
    public String toString() {
        return year + (month == null ? "" : "-%02d".formatted(month)) + (day == null ? "" : "-%02d".formatted(day));
    }
}
