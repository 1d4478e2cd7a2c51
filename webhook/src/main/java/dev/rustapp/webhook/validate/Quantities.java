package dev.rustapp.webhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustapp.validation.FieldPath;
import dev.rustapp.validation.Violation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resource quantities of a raw spec, checked before anything reads them as numbers. The CRD
 * can only say "integer or string", and the apiserver does not parse a custom resource's
 * quantities, so without this "lots" or "1e999999999" would be admitted and fail later as an
 * invalid Deployment (or, read as a number here, cost unbounded time).
 */
public final class Quantities {
  /** Kubernetes' quantity grammar: a decimal, then a binary or decimal SI suffix or an exponent. */
  private static final Pattern QUANTITY = Pattern.compile("([+-]?)(\\d+(?:\\.\\d*)?|\\.\\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\\d{1,3}))?");
  private static final int MAX_LENGTH = 64;
  /** The kubelet turns CPU into millicores and memory into bytes, both as 64-bit integers. */
  private static final BigDecimal MAX_MILLI = new BigDecimal(Long.MAX_VALUE);
  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(Map.entry("", BigDecimal.ONE),
      Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")), Map.entry("m", new BigDecimal("1e-3")),
      Map.entry("k", new BigDecimal("1e3")), Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
      Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")), Map.entry("E", new BigDecimal("1e18")),
      Map.entry("Ki", binary(10)), Map.entry("Mi", binary(20)), Map.entry("Gi", binary(30)), Map.entry("Ti", binary(40)),
      Map.entry("Pi", binary(50)), Map.entry("Ei", binary(60)));

  private Quantities() {}

  /** Every value under spec.resources.requests and spec.resources.limits. */
  public static List<Violation> check(JsonNode spec, FieldPath path) {
    List<Violation> out = new ArrayList<>();
    for (String kind : List.of("requests", "limits")) {
      JsonNode values = spec.path("resources").path(kind);
      FieldPath field = path.child("resources").child(kind);
      values.fields().forEachRemaining(entry -> problem(entry.getValue())
          .ifPresent(detail -> out.add(Violation.invalid(field.key(entry.getKey()), shown(entry.getValue()), detail, "resources.quantity"))));
    }
    return out;
  }

  private static Optional<String> problem(JsonNode value) {
    if (!value.isTextual() && !value.isIntegralNumber()) {
      return Optional.empty(); // the schema reports the type
    }
    String text = value.isTextual() ? value.asText() : value.bigIntegerValue().toString();
    Matcher m = text.length() > MAX_LENGTH ? null : QUANTITY.matcher(text);
    if (m == null || !m.matches()) {
      return Optional.of("must be a quantity such as 500m, 2, 512Mi or 1Gi");
    }
    if (m.group(1).equals("-") && new BigDecimal(m.group(2)).signum() != 0) {
      return Optional.of("must be greater than or equal to 0");
    }
    BigDecimal multiplier = m.group(4) != null ? BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(m.group(4)))
        : SUFFIXES.get(m.group(3) == null ? "" : m.group(3));
    if (new BigDecimal(m.group(2)).multiply(multiplier).scaleByPowerOfTen(3).compareTo(MAX_MILLI) > 0) {
      return Optional.of("must be at most 9223372036854775807m (the largest quantity a container can have)");
    }
    return Optional.empty();
  }

  private static Object shown(JsonNode value) {
    String text = value.isTextual() ? value.asText() : value.toString();
    return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "... (" + text.length() + " characters)" : text;
  }

  private static BigDecimal binary(int power) {
    return new BigDecimal(BigInteger.TWO.pow(power));
  }
}
