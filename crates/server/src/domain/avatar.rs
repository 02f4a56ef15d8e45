//! Profile pictures: PNG, JPEG or WebP by their bytes, decoded under limits
//! so a pixel flood or decompression bomb is refused before memory is taken,
//! then squared, scaled to 512 px and re-encoded as PNG (no metadata survives).

use std::io::Cursor;

use image::imageops::FilterType;
use image::{ImageFormat, ImageReader, Limits};

pub const MAX_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_PIXELS: u64 = 40_000_000;
pub const SIDE: u32 = 512;
/// Decoding may allocate at most this much (40 MP of RGBA is 160 MB).
const MAX_ALLOC: u64 = 192 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AvatarError {
    /// Not a PNG, JPEG or WebP (SVG, GIF, HTML, anything else).
    Unsupported,
    TooLarge(String),
    /// The bytes claim a supported format but do not decode.
    Corrupt(String),
}

/// The stored picture: PNG bytes, `SIDE`×`SIDE`.
pub fn normalize(bytes: &[u8]) -> Result<Vec<u8>, AvatarError> {
    if bytes.len() > MAX_BYTES {
        return Err(AvatarError::TooLarge(format!(
            "the file is larger than {} MiB",
            MAX_BYTES / 1024 / 1024
        )));
    }
    let format = image::guess_format(bytes).map_err(|_| AvatarError::Unsupported)?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP
    ) {
        return Err(AvatarError::Unsupported);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(40_000);
    limits.max_image_height = Some(40_000);
    limits.max_alloc = Some(MAX_ALLOC);
    // The header alone tells the size: refuse a pixel flood before decoding.
    let mut probe = ImageReader::with_format(Cursor::new(bytes), format);
    probe.limits(limits.clone());
    let (width, height) = probe.into_dimensions().map_err(|e| classify(&e))?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(AvatarError::TooLarge(format!(
            "{width}×{height} is more than 40 megapixels"
        )));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    let image = reader.decode().map_err(|e| classify(&e))?;
    let side = width.min(height);
    let square = image.crop_imm((width - side) / 2, (height - side) / 2, side, side);
    let scaled = square.resize_exact(SIDE, SIDE, FilterType::Lanczos3);
    let mut out = Cursor::new(Vec::new());
    scaled
        .to_rgba8()
        .write_to(&mut out, ImageFormat::Png)
        .map_err(|e| AvatarError::Corrupt(e.to_string()))?;
    Ok(out.into_inner())
}

fn classify(e: &image::ImageError) -> AvatarError {
    match e {
        image::ImageError::Limits(_) => {
            AvatarError::TooLarge("the image is too large to decode".into())
        }
        image::ImageError::Unsupported(_) => AvatarError::Unsupported,
        other => AvatarError::Corrupt(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_pixel(width, height, image::Rgba([10, 20, 30, 255]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn pictures_are_squared_to_512() {
        let stored = normalize(&png(900, 600)).unwrap();
        let decoded = image::load_from_memory(&stored).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (SIDE, SIDE));
        assert_eq!(image::guess_format(&stored).unwrap(), ImageFormat::Png);
    }

    #[test]
    fn other_formats_are_unsupported() {
        assert_eq!(
            normalize(b"<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"),
            Err(AvatarError::Unsupported)
        );
        assert_eq!(normalize(b"GIF89a...."), Err(AvatarError::Unsupported));
        assert_eq!(normalize(b""), Err(AvatarError::Unsupported));
    }

    #[test]
    fn a_pixel_flood_header_is_refused_before_decoding() {
        // A valid PNG signature and IHDR claiming 100000×100000, then nothing.
        let mut bytes = png(1, 1);
        bytes[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        assert!(
            matches!(
                normalize(&bytes),
                Err(AvatarError::TooLarge(_) | AvatarError::Corrupt(_))
            ),
            "{:?}",
            normalize(&bytes)
        );
    }
}
