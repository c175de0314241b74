package io.gatehouse.analytics.invoice;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sequential numbers per series and year without gaps ({@code INV-2026-000001}, {@code CN-2026-000001}):
 * the counter row is incremented inside the transaction that issues the document, so concurrent
 * issuers wait for each other on that row and a rolled-back issue returns its number.
 */
@Component
class DocumentNumbers {

    static final String INVOICE = "INV";
    static final String CREDIT_NOTE = "CN";

    private final JdbcTemplate jdbc;

    DocumentNumbers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String next(String series, int year) {
        Long number = jdbc.queryForObject("""
                insert into document_number (series, year, last) values (?, ?, 1)
                on conflict (series, year) do update set last = document_number.last + 1
                returning last""", Long.class, series, year);
        return "%s-%d-%06d".formatted(series, year, number);
    }
}
