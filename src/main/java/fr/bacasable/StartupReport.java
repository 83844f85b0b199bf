package fr.bacasable;

import fr.bacasable.security.DemoAccounts;
import fr.bacasable.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started the application where to go, and in local mode which accounts to use. */
@Component
class StartupReport {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);

    private final Environment environment;
    private final SecurityProperties security;

    StartupReport(Environment environment, SecurityProperties security) {
        this.environment = environment;
        this.security = security;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void report() {
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080")
                + environment.getProperty("server.servlet.context-path", "");
        StringBuilder report = new StringBuilder("\n\nBac à sable is running\n")
                .append("  Portal    ").append(base).append("/\n")
                .append("  Tasklist  ").append(base).append("/camunda/app/tasklist/\n")
                .append("  Cockpit   ").append(base).append("/camunda/app/cockpit/\n")
                .append("  Admin     ").append(base).append("/camunda/app/admin/\n")
                .append("  Campaigns ").append(base).append("/staff/campaigns (ranking, selection; staff login)\n")
                .append("  API docs  ").append(base).append("/api-docs.html\n");
        if (security.demoEnabled()) {
            report.append("Demo accounts (password from DEMO_PASSWORD, default 'demo'):\n");
            DemoAccounts.ALL.forEach(account -> report.append(String.format("  %-10s %s%n",
                    account.userId(), account.groupId())));
        }
        LOG.info(report.toString());
    }
}
