package io.shikong.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class OgcCodeTest {

    /** The codes as OWS Common 2.0 (Table 27), WFS 2.0 (Table 3), WMS 1.3.0 (Table E.1) / 1.1.1 and WMTS 1.0.0 (Table 28) spell them. */
    private static final Set<String> OGC_SPELLINGS = Set.of(
            // OWS Common
            "OperationNotSupported", "MissingParameterValue", "InvalidParameterValue", "VersionNegotiationFailed",
            "InvalidUpdateSequence", "OptionNotSupported", "NoApplicableCode",
            // WFS 2.0
            "CannotLockAllFeatures", "DuplicateStoredQueryIdValue", "DuplicateStoredQueryParameterName",
            "FeaturesNotLocked", "InvalidLockId", "InvalidValue", "LockHasExpired", "OperationParsingFailed",
            "OperationProcessingFailed", "ResponseCacheExpired", "NotFound",
            // WMS 1.3.0, and 1.1.1's InvalidSRS
            "InvalidFormat", "InvalidCRS", "InvalidSRS", "LayerNotDefined", "StyleNotDefined", "LayerNotQueryable",
            "InvalidPoint", "CurrentUpdateSequence", "MissingDimensionValue", "InvalidDimensionValue",
            // WMTS 1.0.0
            "TileOutOfRange");

    /** Shikong's own codes, beside the specifications'. */
    private static final Set<String> SHIKONG_CODES = Set.of("OperationNotPermitted", "Conflict", "ServerBusy");

    @ParameterizedTest
    @EnumSource(OgcCode.class)
    void everyConstantIsSpelledAsItsCodeAndAnswersAnErrorStatus(OgcCode c) {
        // INVALID_PARAMETER_VALUE <-> InvalidParameterValue, INVALID_CRS <-> InvalidCRS
        assertThat(c.code().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT)).isEqualTo(c.name());
        assertThat(c.status()).isBetween(400, 599);
        assertThat(OgcCode.of(c.code())).contains(c);
    }

    @Test
    void theCodesAreTheSpecificationsAndShikongsOwn() {
        Set<String> codes = Arrays.stream(OgcCode.values()).map(OgcCode::code).collect(Collectors.toSet());
        assertThat(codes).hasSize(OgcCode.values().length)
                .containsAll(OGC_SPELLINGS)
                .containsAll(SHIKONG_CODES)
                .hasSize(OGC_SPELLINGS.size() + SHIKONG_CODES.size());
    }

    @ParameterizedTest
    @CsvSource({
        "OperationNotSupported, 501",
        "OptionNotSupported, 501",
        "MissingParameterValue, 400",
        "InvalidParameterValue, 400",
        "VersionNegotiationFailed, 400",
        "NoApplicableCode, 500",
        "OperationNotPermitted, 403",
        "NotFound, 404",
        "LockHasExpired, 403",
        "InvalidLockId, 400",
        "CannotLockAllFeatures, 400",
        "OperationProcessingFailed, 400",
        "DuplicateStoredQueryIdValue, 400",
        "InvalidValue, 400",
        "LayerNotDefined, 400",
        "StyleNotDefined, 400",
        "InvalidCRS, 400",
        "InvalidSRS, 400",
        "InvalidFormat, 400",
        "InvalidPoint, 400",
        "TileOutOfRange, 400",
        "Conflict, 409",
        "ServerBusy, 503",
    })
    void statuses(String code, int status) {
        assertThat(OgcCode.of(code)).hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(status));
    }

    @Test
    void ofKnowsOnlyTheExactSpelling() {
        assertThat(OgcCode.of("invalidparametervalue")).isEmpty();
        assertThat(OgcCode.of("Frobnicated")).isEmpty();
        assertThat(OgcCode.of(null)).isEmpty();
    }

    @Test
    void anExceptionTakesItsStatusFromItsCodeUnlessOverridden() {
        ShikongException plain = new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED, "request", "no such operation");
        assertThat(plain.status()).isEqualTo(501);
        assertThat(plain.code()).isEqualTo("OperationNotSupported");
        assertThat(plain.ogcCode()).isEqualTo(OgcCode.OPERATION_NOT_SUPPORTED);
        assertThat(plain.locator()).isEqualTo("request");

        ShikongException method = new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED, 405, "request", "use GET", null);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.code()).isEqualTo("OperationNotSupported");

        assertThat(new LayerNotFoundException("nope")).satisfies(e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.ogcCode()).isEqualTo(OgcCode.LAYER_NOT_DEFINED);
        });
        assertThat(new AccessDeniedException("layer", "read-only").status()).isEqualTo(403);
        assertThat(new StoreException("down", null).status()).isEqualTo(500);
        assertThat(new MissingParameterException("x").code()).isEqualTo("MissingParameterValue");
    }

    @Test
    @SuppressWarnings("deprecation")
    void theStringConstructorStillWorks() {
        ShikongException known = new ShikongException(404, "NotFound", "id", "no such check", null);
        assertThat(known.status()).isEqualTo(404);
        assertThat(known.code()).isEqualTo("NotFound");
        assertThat(known.ogcCode()).isEqualTo(OgcCode.NOT_FOUND);

        ShikongException unknown = new ShikongException(422, "Unprocessable", null, "odd", null);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("Unprocessable");
        assertThat(unknown.ogcCode()).isEqualTo(OgcCode.NO_APPLICABLE_CODE);
    }
}
