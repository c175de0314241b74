package io.gatehouse.console.oauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.AuthenticationEntryPoint;

/** A request to the authorization server without client credentials: 401 with an OAuth2 {@code invalid_client} error body. */
class InvalidClientEntryPoint implements AuthenticationEntryPoint {

    private final HttpMessageConverter<OAuth2Error> errors = new OAuth2ErrorHttpMessageConverter();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        ServletServerHttpResponse out = new ServletServerHttpResponse(response);
        out.setStatusCode(HttpStatus.UNAUTHORIZED);
        out.getHeaders().set("WWW-Authenticate", "Basic realm=\"gatehouse-oauth\"");
        errors.write(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "client authentication is required", null), null, out);
    }
}
