package io.verity.documents.sanctions;

import java.util.List;

/**
 * One entry of the OFAC SDN list with its aliases and addresses, and the dates of birth found in its remarks.
 *
 * @param id         OFAC's ent_num
 * @param name       the primary name ("LAST, First Middle" for individuals)
 * @param type       "individual", "vessel", "aircraft" or null for entities
 * @param programs   the sanctions programs, as listed
 * @param aliases    the alternate names (a.k.a., f.k.a., n.k.a.)
 * @param addresses  the addresses, one line each
 * @param birthDates the dates of birth given in the remarks (several when the list is unsure)
 * @param remarks    the remarks column
 */
public record SdnEntry(int id, String name, String type, String programs, List<String> aliases, List<String> addresses,
        List<BirthDate> birthDates, String remarks) {

    public boolean individual() {
        return "individual".equalsIgnoreCase(type);
    }
}
