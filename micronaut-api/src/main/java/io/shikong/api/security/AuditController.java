package io.shikong.api.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.shikong.api.error.Problem;
import io.shikong.api.error.Problems;
import io.shikong.api.rest.BaseUrl;
import io.shikong.core.error.AccessDeniedException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.security.AuditEntry;
import io.shikong.core.security.AuditLog;
import io.shikong.core.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The audit log for administrators: {@code GET /api/v1/audit?since=&user=&limit=&after=}, oldest first,
 * one page at a time ({@code limit} up to {@code shikong.security.audit.max-limit}) with a {@code next} link
 * while there is more. Anonymous callers get 401, other callers 403.
 */
@Controller("/api/v1/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditController {

    private final AuditLog log;
    private final Auditor auditor;
    private final BaseUrl baseUrl;
    private final int maxLimit;

    public AuditController(AuditLog log, Auditor auditor, BaseUrl baseUrl, SecurityConfiguration security) {
        this.log = log;
        this.auditor = auditor;
        this.baseUrl = baseUrl;
        this.maxLimit = security.audit().maxLimit();
    }

    /** One entry of the log. */
    @Serdeable
    @Schema(name = "AuditEntry")
    public record Entry(long id, String time, String user, String remote, String method, String path,
                        @Nullable String layer, String action, int status, @Nullable String detail) {
    }

    /** A page of the log. */
    @Serdeable
    @Schema(name = "AuditPage")
    public record Page(@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS) List<Entry> entries,
                       @Nullable String next) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAudit", summary = "The audit log: writes and denied requests, oldest first (admin)")
    @ApiResponse(responseCode = "200", description = "a page of entries")
    @ApiResponse(responseCode = "401", description = "no credentials", content = @Content(
            mediaType = Problems.PROBLEM_JSON_VALUE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "not an administrator", content = @Content(
            mediaType = Problems.PROBLEM_JSON_VALUE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<Page> list(HttpRequest<?> request,
                                   @Parameter(description = "entries at or after this instant (ISO 8601)") @QueryValue @Nullable String since,
                                   @Parameter(description = "entries of this caller only") @QueryValue @Nullable String user,
                                   @Parameter(description = "entries per page") @QueryValue @Nullable Integer limit,
                                   @Parameter(description = "entries after this id (the next link)") @QueryValue @Nullable Long after,
                                   @Parameter(hidden = true) Caller caller) {
        if (caller.anonymous()) {
            throw new ShikongException(OgcCode.NO_APPLICABLE_CODE, 401, null,
                    "the audit log needs credentials (an administrator)", null);
        }
        if (!caller.hasRole(Caller.ADMIN)) {
            throw new AccessDeniedException("caller", "the audit log is for administrators (role admin)");
        }
        Instant from = null;
        if (since != null && !since.isBlank()) {
            try {
                from = Instant.parse(since.trim());
            } catch (DateTimeParseException e) {
                throw new InvalidParameterException("since", "since must be an ISO 8601 instant such as 2026-11-30T06:00:00Z");
            }
        }
        int n = limit == null ? Math.min(100, maxLimit) : limit;
        if (n < 1 || n > maxLimit) {
            throw new InvalidParameterException("limit", "limit must be between 1 and " + maxLimit
                    + " (shikong.security.audit.max-limit)");
        }
        long afterId = after == null ? 0 : Math.max(0, after);
        String who = user == null || user.isBlank() ? null : user.trim();
        auditor.flush(2000);
        List<AuditEntry> found = log.find(from, who, afterId, n + 1);
        boolean more = found.size() > n;
        List<Entry> entries = found.stream().limit(n).map(e -> new Entry(e.id(), e.time().toString(), e.user(), e.remote(),
                e.method(), e.path(), e.layer(), e.action(), e.status(), e.detail())).toList();
        String next = null;
        if (more) {
            StringBuilder link = new StringBuilder(baseUrl.of(request)).append("/api/v1/audit?limit=").append(n)
                    .append("&after=").append(entries.get(entries.size() - 1).id());
            if (from != null) {
                link.append("&since=").append(URLEncoder.encode(from.toString(), StandardCharsets.UTF_8));
            }
            if (who != null) {
                link.append("&user=").append(URLEncoder.encode(who, StandardCharsets.UTF_8));
            }
            next = link.toString();
        }
        return HttpResponse.ok(new Page(entries, next));
    }
}
