package io.gridloop.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.NavigationTrigger;
import com.vaadin.flow.router.RouteConfiguration;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.KaribuUi;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** An address that leads nowhere and a page that fails: said in the official's language, no stack trace, a way back. */
@GridLoopTest
class ErrorPagesTest {

    @Autowired
    ApplicationContext ctx;

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
    }

    /** A page that fails while opening, mounted for this test only. */
    @PermitAll
    public static class FailingPage extends Div implements BeforeEnterObserver {
        @Override
        public void beforeEnter(BeforeEnterEvent event) {
            throw new IllegalStateException("internal detail no official should read");
        }
    }

    private static void open(String path) {
        // UI.navigate hands an unknown address to the browser's router; the server's router shows the error page
        UI.getCurrent().getInternals().getRouter().navigate(UI.getCurrent(), new Location(path), NavigationTrigger.PROGRAMMATIC);
    }

    @Test
    void anUnknownAddressSaysSoInTheOfficialsLanguage() {
        KaribuUi.signIn(ctx, "wangwei");
        open("no-such-page");
        assertThat(_get(NotFoundView.class).getElement().getTextRecursively()).contains("没有这个页面").contains("返回待办任务");
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("页面不存在 · GridLoop");

        UI.getCurrent().setLocale(Locale.ENGLISH);
        open("no-such-page-either");
        assertThat(_get(NotFoundView.class).getElement().getTextRecursively()).contains("There is no such page");
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("Page not found · GridLoop");
    }

    @Test
    void aFailingPageShowsASentenceNotAStackTrace() {
        KaribuUi.signIn(ctx, "wangwei");
        RouteConfiguration.forSessionScope().setRoute("failing-page", FailingPage.class);
        open("failing-page");
        String text = _get(ErrorView.class).getElement().getTextRecursively();
        assertThat(text).contains("处理时出错了").doesNotContain("IllegalStateException").doesNotContain("internal detail");
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("出错了 · GridLoop");
    }
}
