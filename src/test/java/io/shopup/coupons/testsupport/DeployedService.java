package io.shopup.coupons.testsupport;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the tests that call the service over HTTP as its clients do: the WAR as built, on a
 * Payara Micro of its own for each test class, and an {@link Api} on its address.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class DeployedService {

    @ArquillianResource
    protected URL base;

    protected Api api;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TestDeployment.war();
    }

    @BeforeEach
    protected void connect() {
        api = new Api(base);
    }
}
