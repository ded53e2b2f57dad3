//! The pseudo-random numbers behind the Monte Carlo runs: SplitMix64 to derive seeds and
//! xoshiro256++ for the streams (Blackman & Vigna, <https://prng.di.unimi.it/>).
//!
//! Both are written out here (about forty lines) instead of taken from a crate, so that the
//! same seed gives the same numbers in every version of govframe and on every platform, and
//! so that the numpy comparison in `benches/compare/` can reproduce them exactly.
//!
//! Every run `r` of an analysis with seed `s` draws from its own stream, seeded by
//! [`run_seed`]`(s, r)`: runs are independent of the order and thread in which they execute.

/// SplitMix64: a 64-bit generator used to expand seeds.
///
/// ```
/// use govframe_development::rng::SplitMix64;
/// let mut g = SplitMix64::new(1234567);
/// assert_eq!(g.next_u64(), 6457827717110365317);
/// ```
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator with this state.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next number. O(1).
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.0)
    }
}

/// SplitMix64's output function: a bijective 64-bit mixer.
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The seed of run `run` of an analysis seeded with `seed`: two rounds of the SplitMix64
/// mixer, so that neighbouring runs get unrelated streams.
pub fn run_seed(seed: u64, run: u64) -> u64 {
    mix64(
        mix64(seed)
            ^ run
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .wrapping_add(0xD1B5_4A32_D192_ED03),
    )
}

/// xoshiro256++, seeded through SplitMix64 as its authors recommend.
///
/// ```
/// use govframe_development::rng::Xoshiro256pp;
/// let mut a = Xoshiro256pp::seed_from(42);
/// let mut b = Xoshiro256pp::seed_from(42);
/// assert_eq!(a.next_u64(), b.next_u64());
/// let u = a.next_f64();
/// assert!((0.0..1.0).contains(&u));
/// ```
#[derive(Debug, Clone)]
pub struct Xoshiro256pp {
    s: [u64; 4],
}

impl Xoshiro256pp {
    /// A generator with this exact state (must not be all zero; an all-zero state is replaced
    /// by the state that seed 0 gives).
    pub fn from_state(s: [u64; 4]) -> Self {
        if s == [0; 4] {
            return Self::seed_from(0);
        }
        Self { s }
    }

    /// A generator whose state is four outputs of SplitMix64 seeded with `seed`.
    pub fn seed_from(seed: u64) -> Self {
        let mut sm = SplitMix64::new(seed);
        Self {
            s: [sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()],
        }
    }

    /// The next 64 random bits. O(1).
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// A uniform number in [0, 1) with 53 random bits.
    #[inline]
    pub fn next_f64(&mut self) -> f64 {
        to_unit(self.next_u64())
    }
}

/// The top 53 bits of `x` as a number in [0, 1).
#[inline]
pub fn to_unit(x: u64) -> f64 {
    (x >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_reference_values() {
        // Rosetta Code, "Pseudo-random numbers/Splitmix64", seed 1234567.
        let mut g = SplitMix64::new(1234567);
        let want = [
            6457827717110365317u64,
            3203168211198807973,
            9817491932198370423,
            4593380528125082431,
            16408922859458223821,
        ];
        for w in want {
            assert_eq!(g.next_u64(), w);
        }
    }

    #[test]
    fn xoshiro_first_output_by_hand() {
        // s = [1, 2, 3, 4]: rotl(1 + 4, 23) + 1 = 5 << 23 | 1.
        let mut g = Xoshiro256pp::from_state([1, 2, 3, 4]);
        assert_eq!(g.next_u64(), 41_943_041);
    }

    #[test]
    fn run_seeds_differ() {
        let a: Vec<u64> = (0..1000).map(|r| run_seed(7, r)).collect();
        let mut b = a.clone();
        b.sort_unstable();
        b.dedup();
        assert_eq!(a.len(), b.len());
        assert_ne!(run_seed(7, 0), run_seed(8, 0));
    }
}
