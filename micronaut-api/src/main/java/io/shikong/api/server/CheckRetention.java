package io.shikong.api.server;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.context.ServerRequestContext;
import io.shikong.api.security.CallerBinder;
import io.shikong.core.redline.CheckRepository;
import io.shikong.core.redline.CheckStore;
import io.shikong.core.redline.StoredCheck;
import io.shikong.core.security.Caller;
import java.util.Optional;

/**
 * The red-line checks as the controllers see them: a check made by an anonymous caller goes into the
 * bounded ring of {@link CheckStore} ({@code shikong.red-line.max-stored-checks}, the oldest deleted first),
 * every other check is kept. The caller is the one of the request being served (a check saved outside a
 * request, by a job, counts as signed in).
 */
public final class CheckRetention implements CheckRepository {

    private static final ArgumentConversionContext<Caller> CALLER = ConversionContext.of(Argument.of(Caller.class));

    private final CheckStore store;
    private final CallerBinder callers;

    public CheckRetention(CheckStore store, CallerBinder callers) {
        this.store = store;
        this.callers = callers;
    }

    @Override
    public void save(StoredCheck check) {
        boolean anonymous = ServerRequestContext.currentRequest()
                .map(r -> callers.bind(CALLER, r).getValue().orElse(Caller.ANONYMOUS).anonymous())
                .orElse(false);
        store.save(check, anonymous);
    }

    @Override
    public Optional<StoredCheck> find(String id) {
        return store.find(id);
    }

    /** The store below, for tests and the operators' counts. */
    public CheckStore store() {
        return store;
    }
}
