package io.shopup.coupons.platform;

import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.hibernate.engine.jndi.JndiException;
import org.hibernate.engine.transaction.jta.platform.internal.AbstractJtaPlatform;

/**
 * Lets Hibernate find the transaction manager on Payara ({@code java:appserver/...}) and on
 * WildFly ({@code java:jboss/...}); Hibernate's own platforms each work on one server only.
 */
public class PortableJtaPlatform extends AbstractJtaPlatform {

    private static final String[] TRANSACTION_MANAGERS = {
        "java:appserver/TransactionManager", "java:jboss/TransactionManager"
    };

    @Override
    protected TransactionManager locateTransactionManager() {
        for (String name : TRANSACTION_MANAGERS) {
            try {
                return (TransactionManager) new InitialContext().lookup(name);
            } catch (NamingException e) {
                // not this server: try the next name
            }
        }
        throw new JndiException("No JTA TransactionManager found under " + String.join(", ", TRANSACTION_MANAGERS), null);
    }

    @Override
    protected UserTransaction locateUserTransaction() {
        try {
            return (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
        } catch (NamingException e) {
            throw new JndiException("No UserTransaction at java:comp/UserTransaction", e);
        }
    }
}
