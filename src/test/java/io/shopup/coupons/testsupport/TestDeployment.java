package io.shopup.coupons.testsupport;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The one place that builds the test deployment: the WAR exactly as {@code mvn package} built it. */
public final class TestDeployment {

    private TestDeployment() {
    }

    public static WebArchive war() {
        File war = new File(System.getProperty("coupons.project.dir", "."), "target/coupons.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
