//! Spreadsheets (`.xlsx`, `.ods`) are ZIP files whose members are deflated: byte
//! mutations of the file mostly break the compression and never reach the XML that
//! calamine parses. So the seeds are also given with every member *stored*
//! (uncompressed), and after mutating such a file the fuzzer may [`repair`] it: the
//! members are found again and written into a valid ZIP with correct sizes and
//! checksums, so the mutated XML itself is what the reader sees.

use std::io::Read;

const LOCAL: &[u8] = b"PK\x03\x04";
const CENTRAL: &[u8] = b"PK\x01\x02";

/// The members of a ZIP file (stored or deflated), as far as its local headers tell.
/// `None` when it is not a ZIP file this simple reader understands.
pub fn members(bytes: &[u8]) -> Option<Vec<(Vec<u8>, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut at = 0;
    while bytes.get(at..at + 4) == Some(LOCAL) {
        let header = bytes.get(at..at + 30)?;
        let u16_at = |i: usize| u16::from_le_bytes([header[i], header[i + 1]]) as usize;
        let u32_at = |i: usize| {
            u32::from_le_bytes([header[i], header[i + 1], header[i + 2], header[i + 3]]) as usize
        };
        let (flags, method, size) = (u16_at(6), u16_at(8), u32_at(18));
        if flags & 0x08 != 0 {
            return None; // sizes in a data descriptor after the data: not handled
        }
        let name_start = at + 30;
        let data_start = name_start + u16_at(26) + u16_at(28);
        let name = bytes.get(name_start..name_start + u16_at(26))?.to_vec();
        let raw = bytes.get(data_start..data_start + size)?;
        let data = match method {
            0 => raw.to_vec(),
            8 => {
                let mut data = Vec::new();
                flate2::read::DeflateDecoder::new(raw)
                    .take(64 << 20)
                    .read_to_end(&mut data)
                    .ok()?;
                data
            }
            _ => return None,
        };
        out.push((name, data));
        at = data_start + size;
    }
    (!out.is_empty()).then_some(out)
}

/// The same ZIP with every member stored, or `None` when it cannot be read.
pub fn to_stored(bytes: &[u8]) -> Option<Vec<u8>> {
    members(bytes).map(|m| build_stored(&m))
}

/// Rebuilds a valid stored ZIP from a mutated one: each local header's name is kept
/// (its length field clamped), and its data runs to the next header, whatever the
/// sizes written in the header say.
pub fn repair(bytes: &[u8]) -> Vec<u8> {
    let starts: Vec<usize> = find_all(bytes, LOCAL);
    let central = find_all(bytes, CENTRAL).into_iter().next();
    let mut entries = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        if central.is_some_and(|c| start > c) {
            break;
        }
        let end = starts
            .get(i + 1)
            .copied()
            .into_iter()
            .chain(central)
            .find(|&e| e > start)
            .unwrap_or(bytes.len());
        let block = &bytes[start..end];
        if block.len() < 30 {
            continue;
        }
        let name_len = (u16::from_le_bytes([block[26], block[27]]) as usize).min(block.len() - 30);
        let extra_len =
            (u16::from_le_bytes([block[28], block[29]]) as usize).min(block.len() - 30 - name_len);
        let name = block[30..30 + name_len].to_vec();
        let data = block[30 + name_len + extra_len..].to_vec();
        entries.push((name, data));
    }
    build_stored(&entries)
}

/// Writes a ZIP file of stored members.
pub fn build_stored(entries: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let name_len = name.len().min(u16::MAX as usize);
        let mut fields = Vec::with_capacity(26);
        fields.extend_from_slice(&20u16.to_le_bytes()); // version needed
        fields.extend_from_slice(&0u16.to_le_bytes()); // flags
        fields.extend_from_slice(&0u16.to_le_bytes()); // method: stored
        fields.extend_from_slice(&0u32.to_le_bytes()); // time and date
        fields.extend_from_slice(&crc.to_le_bytes());
        fields.extend_from_slice(&(data.len() as u32).to_le_bytes());
        fields.extend_from_slice(&(data.len() as u32).to_le_bytes());
        fields.extend_from_slice(&(name_len as u16).to_le_bytes());
        fields.extend_from_slice(&0u16.to_le_bytes()); // extra length
        out.extend_from_slice(LOCAL);
        out.extend_from_slice(&fields);
        out.extend_from_slice(&name[..name_len]);
        out.extend_from_slice(data);
        central.extend_from_slice(CENTRAL);
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        central.extend_from_slice(&fields);
        central.extend_from_slice(&[0u8; 10]); // comment length, disk, attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(&name[..name_len]);
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0u8; 4]); // disk numbers
    let count = (entries.len().min(u16::MAX as usize) as u16).to_le_bytes();
    out.extend_from_slice(&count);
    out.extend_from_slice(&count);
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    out
}

fn find_all(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    haystack
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// The CRC-32 (IEEE) that ZIP uses.
pub fn crc32(data: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = [0u32; 256];
        for (i, slot) in table.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *slot = c;
        }
        table
    });
    !data.iter().fold(!0u32, |c, &b| {
        table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_a_known_string() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn a_stored_zip_reads_back_and_survives_repair() {
        let entries = vec![
            (b"a.xml".to_vec(), b"<a>1</a>".to_vec()),
            (b"b.xml".to_vec(), b"<b/>".to_vec()),
        ];
        let zip = build_stored(&entries);
        assert_eq!(members(&zip).unwrap(), entries);
        let mut grown = zip.clone();
        let at = grown.windows(3).position(|w| w == b"<a>").unwrap();
        grown.splice(at..at, b"<x>longer</x>".iter().copied());
        let repaired = members(&repair(&grown)).unwrap();
        assert_eq!(repaired[0].1, b"<x>longer</x><a>1</a>");
        assert_eq!(repaired[1], entries[1]);
    }
}
