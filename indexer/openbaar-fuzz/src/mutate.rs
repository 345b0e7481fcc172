//! Deterministic mutations of byte strings: the same seed number gives the same
//! sequence of inputs on every machine, so a finding can be reproduced from its recipe.

/// A small, fast pseudo-random generator (SplitMix64): deterministic, no dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started at `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// A length that is usually small and sometimes large, at most `max`.
    pub fn chunk_len(&mut self, max: usize) -> usize {
        if max == 0 {
            return 0;
        }
        let cap = match self.below(10) {
            0..=5 => 8,
            6..=8 => 128,
            _ => 4096,
        };
        1 + self.below(cap.min(max))
    }
}

/// The kinds of mutation, one per step of a stacked ("havoc") mutation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Flip one to four bits.
    FlipBits,
    /// Set one byte to a random or special value.
    SetByte,
    /// Write an interesting integer (0, -1, limits) as bytes, little- or big-endian.
    BinaryInt,
    /// Replace a run of ASCII digits by an interesting decimal number.
    DecimalInt,
    /// Insert random bytes.
    InsertRandom,
    /// Delete a chunk.
    Delete,
    /// Copy a chunk of the input to another place (inserted).
    Duplicate,
    /// Repeat a chunk many times in place (blow-ups of nesting and counts).
    Repeat,
    /// Overwrite a chunk by another chunk of the same input.
    Overwrite,
    /// Insert a token of the target's dictionary.
    InsertToken,
    /// Overwrite with a token of the target's dictionary.
    OverwriteToken,
    /// Insert a chunk of another seed.
    SpliceInsert,
    /// Keep a prefix of this input and continue with a suffix of another seed.
    Crossover,
    /// Cut the input short.
    Truncate,
}

const OPS: &[Op] = &[
    Op::FlipBits,
    Op::SetByte,
    Op::BinaryInt,
    Op::DecimalInt,
    Op::InsertRandom,
    Op::Delete,
    Op::Duplicate,
    Op::Repeat,
    Op::Overwrite,
    Op::InsertToken,
    Op::OverwriteToken,
    Op::SpliceInsert,
    Op::Crossover,
    Op::Truncate,
];

const SPECIAL_BYTES: &[u8] = &[
    0, 0xFF, 0x7F, 0x80, 0xC0, 0xE2, 0xF0, b'\n', b'\r', b' ', b'\t', b':', b';', b',', b'"', b'<',
    b'>', b'(', b')', b'[', b']', b'/', b'\\', b'%', b'=', b'-', b'.', b'0', b'9', b'@',
];

const INTERESTING: &[u64] = &[
    0,
    1,
    0x7F,
    0x80,
    0xFF,
    0x100,
    0x7FFF,
    0x8000,
    0xFFFF,
    0x1_0000,
    0x7FFF_FFFF,
    0x8000_0000,
    0xFFFF_FFFF,
    0x1_0000_0000,
    0x7FFF_FFFF_FFFF_FFFF,
    0xFFFF_FFFF_FFFF_FFFF,
];

const DECIMALS: &[&str] = &[
    "0",
    "-1",
    "1",
    "00",
    "9",
    "13",
    "32",
    "255",
    "256",
    "1900",
    "2200",
    "9999",
    "65535",
    "65536",
    "2147483647",
    "2147483648",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "18446744073709551616",
    "99999999999999999999999999",
    "-2147483649",
    "1e308",
    "0.000001",
];

/// What a mutation may draw from besides the input itself.
pub struct Pool<'a> {
    /// Other inputs of the same target (for splicing).
    pub others: &'a [Vec<u8>],
    /// Tokens of the target's format.
    pub tokens: &'a [&'a [u8]],
    /// The longest input to produce.
    pub max_len: usize,
}

/// Applies one randomly chosen mutation to `data` in place.
pub fn mutate_once(data: &mut Vec<u8>, rng: &mut Rng, pool: &Pool) -> Op {
    let op = OPS[rng.below(OPS.len())];
    apply(op, data, rng, pool);
    op
}

/// Applies 1, 2, 4, … up to 16 stacked mutations, as AFL's havoc stage does.
pub fn havoc(data: &mut Vec<u8>, rng: &mut Rng, pool: &Pool) {
    let steps = 1 << rng.below(5);
    for _ in 0..steps {
        mutate_once(data, rng, pool);
    }
    if data.len() > pool.max_len {
        data.truncate(pool.max_len);
    }
}

/// Applies `op` to `data`.
pub fn apply(op: Op, data: &mut Vec<u8>, rng: &mut Rng, pool: &Pool) {
    let len = data.len();
    let room = pool.max_len.saturating_sub(len);
    match op {
        Op::FlipBits => {
            if len > 0 {
                for _ in 0..1 + rng.below(4) {
                    let at = rng.below(len);
                    data[at] ^= 1 << rng.below(8);
                }
            }
        }
        Op::SetByte => {
            if len > 0 {
                let at = rng.below(len);
                data[at] = if rng.one_in(2) {
                    SPECIAL_BYTES[rng.below(SPECIAL_BYTES.len())]
                } else {
                    rng.next_u64() as u8
                };
            }
        }
        Op::BinaryInt => {
            let width = [1usize, 2, 4, 8][rng.below(4)];
            if len >= width {
                let mut value = INTERESTING[rng.below(INTERESTING.len())];
                if rng.one_in(3) {
                    value = value.wrapping_neg();
                }
                let bytes = if rng.one_in(2) {
                    value.to_le_bytes()
                } else {
                    value.to_be_bytes()
                };
                let at = rng.below(len - width + 1);
                let slice = if rng.one_in(2) {
                    &bytes[..width]
                } else {
                    &bytes[8 - width..]
                };
                data[at..at + width].copy_from_slice(slice);
            }
        }
        Op::DecimalInt => {
            let start = if len > 0 { rng.below(len) } else { 0 };
            // The next run of digits at or after `start`, wrapping once to the front.
            let found = find_digits(data, start).or_else(|| find_digits(data, 0));
            let number = DECIMALS[rng.below(DECIMALS.len())].as_bytes();
            match found {
                Some((a, b)) => {
                    data.splice(a..b, number.iter().copied());
                }
                None if number.len() <= room => {
                    let at = rng.below(len + 1);
                    data.splice(at..at, number.iter().copied());
                }
                None => {}
            }
        }
        Op::InsertRandom => {
            let n = rng.chunk_len(room);
            if n > 0 {
                let at = rng.below(len + 1);
                let fill: Vec<u8> = if rng.one_in(2) {
                    let b = rng.next_u64() as u8;
                    vec![b; n]
                } else {
                    (0..n).map(|_| rng.next_u64() as u8).collect()
                };
                data.splice(at..at, fill);
            }
        }
        Op::Delete => {
            if len > 1 {
                let n = rng.chunk_len(len - 1);
                let at = rng.below(len - n + 1);
                data.drain(at..at + n);
            }
        }
        Op::Duplicate => {
            if len > 0 {
                let n = rng.chunk_len(len.min(room));
                if n > 0 {
                    let from = rng.below(len - n + 1);
                    let chunk = data[from..from + n].to_vec();
                    let at = rng.below(len + 1);
                    data.splice(at..at, chunk);
                }
            }
        }
        Op::Repeat => {
            if len > 0 {
                let n = rng.chunk_len(len.min(64));
                let from = rng.below(len - n + 1);
                let times = [2usize, 8, 64, 512, 4096][rng.below(5)];
                let total = (n * times).min(room);
                if total >= n {
                    let chunk = data[from..from + n].to_vec();
                    let repeated: Vec<u8> = chunk.iter().copied().cycle().take(total).collect();
                    data.splice(from..from, repeated);
                }
            }
        }
        Op::Overwrite => {
            if len > 1 {
                let n = rng.chunk_len(len / 2);
                let from = rng.below(len - n + 1);
                let to = rng.below(len - n + 1);
                data.copy_within(from..from + n, to);
            }
        }
        Op::InsertToken | Op::OverwriteToken => {
            if !pool.tokens.is_empty() {
                let token = pool.tokens[rng.below(pool.tokens.len())];
                let at = rng.below(len + 1);
                if op == Op::OverwriteToken && at + token.len() <= len {
                    data[at..at + token.len()].copy_from_slice(token);
                } else if token.len() <= room {
                    data.splice(at..at, token.iter().copied());
                }
            }
        }
        Op::SpliceInsert => {
            if let Some(other) = pick_other(pool, rng) {
                let n = rng.chunk_len(other.len().min(room));
                if n > 0 {
                    let from = rng.below(other.len() - n + 1);
                    let at = rng.below(len + 1);
                    data.splice(at..at, other[from..from + n].iter().copied());
                }
            }
        }
        Op::Crossover => {
            if let Some(other) = pick_other(pool, rng) {
                let cut = rng.below(len + 1);
                let from = rng.below(other.len());
                data.truncate(cut);
                let take = (other.len() - from).min(pool.max_len.saturating_sub(cut));
                data.extend_from_slice(&other[from..from + take]);
            }
        }
        Op::Truncate => {
            if len > 0 {
                let keep = if rng.one_in(2) {
                    rng.below(len)
                } else {
                    len - rng.chunk_len(len)
                };
                data.truncate(keep);
            }
        }
    }
    if data.len() > pool.max_len {
        data.truncate(pool.max_len);
    }
}

fn pick_other<'a>(pool: &'a Pool, rng: &mut Rng) -> Option<&'a [u8]> {
    let others: Vec<&Vec<u8>> = pool.others.iter().filter(|o| !o.is_empty()).collect();
    if others.is_empty() {
        None
    } else {
        Some(others[rng.below(others.len())])
    }
}

fn find_digits(data: &[u8], start: usize) -> Option<(usize, usize)> {
    let a = start + data.get(start..)?.iter().position(u8::is_ascii_digit)?;
    let b = a + data[a..].iter().take_while(|b| b.is_ascii_digit()).count();
    Some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_inputs() {
        let seed = b"From: a@b.nl\nSubject: 26 maart 2025\n\nTekst 5.1.2e".to_vec();
        let others = vec![b"%PDF-1.4 1 0 obj".to_vec()];
        let tokens: &[&[u8]] = &[b"Date: ", b"\r\n"];
        let pool = Pool {
            others: &others,
            tokens,
            max_len: 1 << 16,
        };
        let run = |seed_number| {
            let mut rng = Rng::new(seed_number);
            (0..200)
                .map(|_| {
                    let mut data = seed.clone();
                    havoc(&mut data, &mut rng, &pool);
                    data
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }

    #[test]
    fn every_operation_respects_the_length_limit_and_empty_inputs() {
        let others = vec![vec![1u8; 100]];
        let tokens: &[&[u8]] = &[b"token"];
        let pool = Pool {
            others: &others,
            tokens,
            max_len: 64,
        };
        let mut rng = Rng::new(1);
        for &op in OPS {
            for start in [Vec::new(), vec![b'7'], b"abc 123 def".to_vec(), vec![0; 64]] {
                for _ in 0..50 {
                    let mut data = start.clone();
                    apply(op, &mut data, &mut rng, &pool);
                    assert!(data.len() <= 64, "{op:?} made {} bytes", data.len());
                }
            }
        }
    }
}
