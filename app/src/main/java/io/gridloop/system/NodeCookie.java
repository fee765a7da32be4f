package io.gridloop.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseCookie;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the node that answered in a session cookie ({@code GRIDLOOP_NODE}), so that the proxy keeps a browser on the
 * node holding its Vaadin session (config/deploy/nginx.conf). When another node answers (its own went down), the cookie
 * follows that node, and the browser stays there when the first comes back. Without {@code gridloop.node-name} (a
 * single node, the embedded default) no cookie is set.
 */
@Configuration
public class NodeCookie {

    public static final String NAME = "GRIDLOOP_NODE";

    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> nodeCookieFilter(GridLoopSettings settings) {
        String node = settings.nodeName();
        FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (!node.equals(valueOf(request))) {
                    // set before the chain: redirects (sign-in, sign-out) commit the response early
                    response.addHeader("Set-Cookie", ResponseCookie.from(NAME, node).path("/").httpOnly(true).sameSite("Lax")
                            .build().toString());
                }
                chain.doFilter(request, response);
            }
        });
        bean.setName("node-cookie");
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        bean.setEnabled(!node.isBlank());
        return bean;
    }

    private static String valueOf(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (NAME.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }
}
