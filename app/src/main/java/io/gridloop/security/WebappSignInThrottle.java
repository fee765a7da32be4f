package io.gridloop.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cockpit's and Admin's own login ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}) checks passwords
 * through the engine, past Spring Security: the same throttle applies there. Camunda answers a wrong password 401, a
 * right one 200 (or 403 when the official may not open that app).
 */
@Component
public class WebappSignInThrottle extends OncePerRequestFilter {

    private final SignInThrottle throttle;
    private final SignInRefusals refusals;

    public WebappSignInThrottle(SignInThrottle throttle, SignInRefusals refusals) {
        this.throttle = throttle;
        this.refusals = refusals;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || !path.matches("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String account = request.getParameter("username");
        String client = request.getRemoteAddr();
        long wait = throttle.waitSeconds(account, client);
        if (wait > 0) {
            response.setHeader("Retry-After", String.valueOf(wait));
            refusals.write(request, response, 429, SignInThrottledException.MESSAGE_KEY, wait);
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            throttle.failed(account, client);
        } else if (response.getStatus() < 400 || response.getStatus() == HttpServletResponse.SC_FORBIDDEN) {
            throttle.succeeded(account, client);
        }
    }
}
