//! The runtime's tantivy checksums through a byte-by-byte CRC-32 in place of crc32fast
//! (see crc32-facade/).

#[test]
fn crc32fast_is_the_facade_here() {
    // If the [patch] stopped applying, the runtime would silently grow by ~16 KB.
    let lock = include_str!("../Cargo.lock");
    assert!(
        lock.contains("name = \"crc32fast\"\nversion = \"1.5.4+bytewise\""),
        "the runtime's workspace links the crc32 facade"
    );
}

#[test]
fn the_facade_gives_the_standard_crc32() {
    // The check value of CRC-32/ISO-HDLC (the zlib and crc32fast CRC) for "123456789".
    assert_eq!(crc32fast::hash(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32fast::hash(b""), 0);
}

#[test]
fn updates_in_pieces_give_the_crc_of_the_whole() {
    let text = b"Openbaar: a search runtime that fits in a first visit".repeat(37);
    let mut hasher = crc32fast::Hasher::new();
    for piece in text.chunks(13) {
        hasher.update(piece);
    }
    assert_eq!(hasher.total_len(), text.len() as u64);
    assert_eq!(hasher.finalize(), crc32fast::hash(&text));
    // Continuing from a CRC gives the same as hashing in one go.
    let (head, tail) = text.split_at(500);
    let mut resumed = crc32fast::Hasher::new_with_initial(crc32fast::hash(head));
    resumed.update(tail);
    assert_eq!(resumed.finalize(), crc32fast::hash(&text));
}
