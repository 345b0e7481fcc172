//! Tiny one-page PDFs drawn from a content stream, for tests of rendering, box finding
//! and OCR. MuPDF repairs the cross-reference table, so none is written.

/// A one-page PDF of `width` x `height` points whose page draws `content` (PDF operators,
/// origin bottom left) with Helvetica available as `/F1`.
pub(crate) fn one_page(width: f32, height: f32, content: &str) -> Vec<u8> {
    format!(
        "%PDF-1.4\n\
         1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
         2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
         3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] \
         /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >> endobj\n\
         4 0 obj << /Length {len} >> stream\n{content}\nendstream endobj\n\
         5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n\
         trailer << /Root 1 0 R >>\n%%EOF\n",
        len = content.len() + 1,
    )
    .into_bytes()
}
