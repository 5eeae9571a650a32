package io.shopup.coupons.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void withoutATrustedProxyTheSocketPeerIsTheClient() {
        assertEquals("10.0.0.7", ClientAddress.of("10.0.0.7", "203.0.113.9", false));
    }

    @Test
    void behindATrustedProxyTheAddressItAppendedIsTheClient() {
        assertEquals("198.51.100.4", ClientAddress.of("10.0.0.7", "1.2.3.4, 198.51.100.4", true));
        assertEquals("2001:db8::1", ClientAddress.of("10.0.0.7", "2001:db8::1", true));
    }

    @Test
    void aForwardedForThatIsNotAnAddressIsIgnored() {
        assertEquals("10.0.0.7", ClientAddress.of("10.0.0.7", "1.2.3.4, <script>", true));
        assertEquals("10.0.0.7", ClientAddress.of("10.0.0.7", "", true));
        assertEquals("10.0.0.7", ClientAddress.of("10.0.0.7", null, true));
    }
}
