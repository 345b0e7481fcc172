//! `crc32fast`'s API (the parts tantivy uses), computed byte by byte from a 256-entry
//! table, so the browser's search runtime does not carry crc32fast's 16 KB slice-by-16
//! table. Only the WebAssembly runtime's own workspace links this crate; the indexer uses
//! the real `crc32fast`.

/// The reflected CRC-32 (IEEE 802.3) polynomial, as crc32fast computes it.
const POLYNOMIAL: u32 = 0xEDB8_8320;

/// The CRC of each byte value, built at compile time.
const TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut byte = 0;
    while byte < 256 {
        let mut crc = byte as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ POLYNOMIAL
            } else {
                crc >> 1
            };
            bit += 1;
        }
        table[byte] = crc;
        byte += 1;
    }
    table
};

/// Computes the CRC-32 of `buf` at once.
pub fn hash(buf: &[u8]) -> u32 {
    let mut hasher = Hasher::new();
    hasher.update(buf);
    hasher.finalize()
}

/// A running CRC-32, fed with [`Hasher::update`].
#[derive(Clone, Debug, Default)]
pub struct Hasher {
    /// The CRC so far (not inverted).
    state: u32,
    /// How many bytes went in.
    amount: u64,
}

impl Hasher {
    /// A hasher over no bytes yet.
    pub fn new() -> Self {
        Self::new_with_initial(0)
    }

    /// A hasher that continues from the CRC `init` of earlier bytes.
    pub fn new_with_initial(init: u32) -> Self {
        Self::new_with_initial_len(init, 0)
    }

    /// A hasher that continues from the CRC `init` of `amount` earlier bytes.
    pub fn new_with_initial_len(init: u32, amount: u64) -> Self {
        Hasher {
            state: init,
            amount,
        }
    }

    /// Adds `buf` to the bytes hashed.
    pub fn update(&mut self, buf: &[u8]) {
        let mut crc = !self.state;
        for &byte in buf {
            crc = (crc >> 8) ^ TABLE[((crc as u8) ^ byte) as usize];
        }
        self.state = !crc;
        self.amount += buf.len() as u64;
    }

    /// How many bytes were hashed.
    pub fn total_len(&self) -> u64 {
        self.amount
    }

    /// The CRC of all the bytes hashed.
    pub fn finalize(self) -> u32 {
        self.state
    }

    /// Starts over, as a new hasher.
    pub fn reset(&mut self) {
        *self = Hasher::new();
    }
}

impl std::hash::Hasher for Hasher {
    fn write(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }

    fn finish(&self) -> u64 {
        u64::from(self.clone().finalize())
    }
}
