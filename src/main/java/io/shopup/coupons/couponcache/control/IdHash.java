package io.shopup.coupons.couponcache.control;

/**
 * A 64-bit hash of an identifier (FNV-1a over its characters, then SplitMix64's finaliser to
 * spread the bits). The cache keeps these instead of the ids a coupon's redemptions name: 8 bytes
 * where a string in a set takes about 100. Two different ids share a hash with a probability of
 * about 2^-64 per pair; the cost of such a collision is one refusal too many ("already used"),
 * never a discount granted wrongly, since a hash can only add redemptions to an answer.
 */
public final class IdHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private IdHash() {
    }

    public static long of(String id) {
        long hash = FNV_OFFSET;
        for (int i = 0; i < id.length(); i++) {
            hash ^= id.charAt(i);
            hash *= FNV_PRIME;
        }
        hash ^= hash >>> 30;
        hash *= 0xbf58476d1ce4e5b9L;
        hash ^= hash >>> 27;
        hash *= 0x94d049bb133111ebL;
        return hash ^ (hash >>> 31);
    }
}
