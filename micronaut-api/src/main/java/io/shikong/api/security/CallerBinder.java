package io.shikong.api.security;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.shikong.core.security.Caller;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Lets controllers take the {@link Caller} as an argument. */
@Singleton
public class CallerBinder implements TypedRequestArgumentBinder<Caller> {

    @Override
    public Argument<Caller> argumentType() {
        return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        Caller caller = source.getAttribute(CallerFilter.ATTRIBUTE, Caller.class).orElse(Caller.ANONYMOUS);
        return () -> Optional.of(caller);
    }
}
