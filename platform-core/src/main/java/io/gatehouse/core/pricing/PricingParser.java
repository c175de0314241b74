package io.gatehouse.core.pricing;

import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code pricing} object (a JSON map, as a client sent it or as it is stored) into a typed
 * {@link Pricing}, collecting one {@link FieldProblem} per broken field, with pointers under the
 * given prefix ({@code /pricing/tiers/1/upTo}). Amounts may come as decimal strings or JSON numbers;
 * they are kept exactly as written.
 */
public final class PricingParser {

    private static final int MAX_TIERS = 50;
    private static final int MAX_UNIT_PRICE_DECIMALS = 10;

    private final String prefix;
    private final List<FieldProblem> problems = new ArrayList<>();

    private PricingParser(String prefix) {
        this.prefix = prefix;
    }

    /** The outcome: a pricing when {@code problems} is empty, else {@code null}. */
    public record Result(Pricing pricing, List<FieldProblem> problems) {
    }

    public static Result parse(Map<String, Object> map, String prefix) {
        PricingParser parser = new PricingParser(prefix);
        Pricing pricing = parser.read(map == null ? Map.of() : map);
        return new Result(parser.problems.isEmpty() ? pricing : null, List.copyOf(parser.problems));
    }

    /** Reads a stored pricing, which was valid when written. */
    public static Pricing parseValid(Map<String, Object> map) {
        Result result = parse(map, "/pricing");
        if (!result.problems().isEmpty()) {
            throw new InvalidInputException(result.problems());
        }
        return result.pricing();
    }

    private Pricing read(Map<String, Object> map) {
        PriceModel model = model(map.get("model"));
        LocalDate effectiveFrom = date("effectiveFrom", map.get("effectiveFrom"));
        if (model == null) {
            return null;
        }
        if (model == PriceModel.FREE) {
            return Pricing.FREE.withEffectiveFrom(effectiveFrom);
        }
        Currency currency = currency(map.get("currency"));
        Meter meter = meter(map.get("meter"));
        BigDecimal setupFee = fee("setupFee", map.get("setupFee"), currency, false);
        return switch (model) {
            case FLAT -> {
                period(map.get("period"));
                BigDecimal fee = fee("fee", map.get("fee"), currency, true);
                Long included = count("includedUnits", map.get("includedUnits"));
                BigDecimal overage = unitPrice("overageUnitPrice", map.get("overageUnitPrice"), false);
                yield new Pricing(model, currency, meter, fee, included == null ? 0L : included,
                        overage == null ? BigDecimal.ZERO : overage, null, List.of(), setupFee, effectiveFrom);
            }
            case PER_UNIT -> new Pricing(model, currency, meter, null, null, null,
                    unitPrice("unitPrice", map.get("unitPrice"), true), List.of(), setupFee, effectiveFrom);
            default -> new Pricing(model, currency, meter, null, null, null, null, tiers(map.get("tiers")), setupFee,
                    effectiveFrom);
        };
    }

    private PriceModel model(Object value) {
        try {
            return PriceModel.valueOf(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            problem("model", "must be one of " + names(PriceModel.values()));
            return null;
        }
    }

    private Currency currency(Object value) {
        if (value == null) {
            problem("currency", "is required: an ISO 4217 code such as EUR");
            return null;
        }
        String code = String.valueOf(value).strip();
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0 || !code.equals(currency.getCurrencyCode())) {
                throw new IllegalArgumentException(code);
            }
            return currency;
        } catch (IllegalArgumentException e) {
            problem("currency", "must be an ISO 4217 currency code such as EUR, USD or JPY");
            return null;
        }
    }

    private Meter meter(Object value) {
        if (value == null) {
            return Meter.REQUESTS;
        }
        try {
            return Meter.valueOf(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            problem("meter", "must be one of " + names(Meter.values()));
            return null;
        }
    }

    private void period(Object value) {
        if (value != null && !Pricing.MONTH.equals(value)) {
            problem("period", "must be MONTH: fees are charged per calendar month");
        }
    }

    private LocalDate date(String field, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            problem(field, "must be an ISO-8601 date such as 2026-12-01");
            return null;
        }
    }

    /** A fee: zero or more, with no more decimals than the currency's minor unit. */
    private BigDecimal fee(String field, Object value, Currency currency, boolean required) {
        BigDecimal amount = decimal(field, value, required);
        if (amount != null && currency != null && amount.scale() > currency.getDefaultFractionDigits()) {
            problem(field, "has more decimals than " + currency.getCurrencyCode() + " has (" + currency.getDefaultFractionDigits() + ")");
            return null;
        }
        return amount;
    }

    private BigDecimal unitPrice(String field, Object value, boolean required) {
        BigDecimal price = decimal(field, value, required);
        if (price != null && price.scale() > MAX_UNIT_PRICE_DECIMALS) {
            problem(field, "has more than " + MAX_UNIT_PRICE_DECIMALS + " decimals");
            return null;
        }
        return price;
    }

    private BigDecimal decimal(String field, Object value, boolean required) {
        if (value == null) {
            if (required) {
                problem(field, "is required: a decimal string such as \"0.002\"");
            }
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(String.valueOf(value).strip());
            if (amount.signum() < 0) {
                problem(field, "must be zero or more");
                return null;
            }
            return amount.scale() < 0 ? amount.setScale(0) : amount;
        } catch (NumberFormatException e) {
            problem(field, "must be a decimal string such as \"0.002\"");
            return null;
        }
    }

    private Long count(String field, Object value) {
        if (value == null) {
            return null;
        }
        try {
            BigInteger count = value instanceof Number number && !(value instanceof Double || value instanceof Float)
                    ? new BigDecimal(number.toString()).toBigIntegerExact()
                    : new BigDecimal(String.valueOf(value).strip()).toBigIntegerExact();
            if (count.signum() < 0) {
                problem(field, "must be zero or more");
                return null;
            }
            return count.longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            problem(field, "must be a whole number");
            return null;
        }
    }

    private List<PriceTier> tiers(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            problem("tiers", "is required: a list of { \"upTo\", \"unitPrice\" }, the last with \"upTo\": null");
            return List.of();
        }
        if (list.size() > MAX_TIERS) {
            problem("tiers", "has more than " + MAX_TIERS + " tiers");
            return List.of();
        }
        List<PriceTier> tiers = new ArrayList<>();
        Long previous = 0L;
        for (int i = 0; i < list.size(); i++) {
            String at = "tiers/" + i;
            if (!(list.get(i) instanceof Map<?, ?> tier)) {
                problem(at, "must be an object { \"upTo\", \"unitPrice\" }");
                continue;
            }
            boolean last = i == list.size() - 1;
            Long upTo = count(at + "/upTo", tier.get("upTo"));
            if (upTo == null && tier.get("upTo") == null && !last) {
                problem(at + "/upTo", "only the last tier may be unbounded (upTo null)");
            } else if (upTo != null && last) {
                problem(at + "/upTo", "must be null: the last tier is unbounded");
            } else if (upTo != null && previous != null && upTo <= previous) {
                problem(at + "/upTo", i == 0 ? "must be greater than 0"
                        : "must be greater than the previous tier's upTo (" + previous + ")");
            }
            previous = upTo == null ? previous : upTo;
            tiers.add(new PriceTier(upTo, unitPrice(at + "/unitPrice", tier.get("unitPrice"), true)));
        }
        return tiers;
    }

    private void problem(String field, String detail) {
        problems.add(new FieldProblem(prefix + "/" + field, detail));
    }

    private static String names(Enum<?>[] values) {
        return String.join(", ", Arrays.stream(values).map(Enum::name).sorted().toList());
    }
}
