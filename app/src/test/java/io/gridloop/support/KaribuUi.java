package io.gridloop.support;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import io.gridloop.security.EngineAuthenticationProvider;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Browserless UI tests (Karibu-Testing): the real views, services and engine, an official signed in as the login would
 * sign them in, the Vaadin route security applied to the faked request.
 */
public final class KaribuUi {

    private static final Routes ROUTES = new Routes().autoDiscoverViews("io.gridloop");

    private KaribuUi() {}

    public static void signIn(ApplicationContext ctx, String user) {
        IdentityService identity = ctx.getBean(IdentityService.class);
        List<GrantedAuthority> roles = EngineAuthenticationProvider.authorities(identity, ctx.getBean(io.gridloop.grid.ReferenceData.class), user);
        var auth = new UsernamePasswordAuthenticationToken(user, null, roles);
        SecurityContextHolder.getContext().setAuthentication(auth);
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, ctx, UI::new));
        jakarta.servlet.ServletRequest r = VaadinServletRequest.getCurrent().getHttpServletRequest();
        while (!(r instanceof FakeRequest) && r instanceof jakarta.servlet.ServletRequestWrapper w) {
            r = w.getRequest();
        }
        FakeRequest request = (FakeRequest) r;
        request.setUserPrincipalInt(auth);
        request.setUserInRole((principal, role) -> roles.stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role)));
    }

    /** Nobody signed in: a citizen on a public page. */
    public static void anonymous(ApplicationContext ctx) {
        SecurityContextHolder.clearContext();
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, ctx, UI::new));
    }

    public static void signOut() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }
}
