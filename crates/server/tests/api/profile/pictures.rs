#[allow(unused_imports)]
use super::*;

// ---- Profile pictures ------------------------------------------------------------

/// An RGBA picture with some structure (so it compresses like a photo would not).
fn picture(width: u32, height: u32) -> RgbaImage {
    RgbaImage::from_fn(width, height, |x, y| {
        Rgba([(x % 256) as u8, (y % 256) as u8, ((x * y) % 251) as u8, 255])
    })
}

fn encode(image: &RgbaImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    match format {
        // JPEG has no alpha.
        ImageFormat::Jpeg => image::DynamicImage::ImageRgba8(image.clone())
            .to_rgb8()
            .write_to(&mut out, format)
            .unwrap(),
        _ => image.write_to(&mut out, format).unwrap(),
    }
    out.into_inner()
}

/// A PNG of random-looking pixels: it hardly compresses.
fn noise_png(width: u32, height: u32) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let image = RgbaImage::from_fn(width, height, |_, _| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let [a, b, c, ..] = (state >> 24).to_le_bytes();
        Rgba([a, b, c, 255])
    });
    encode(&image, ImageFormat::Png)
}

fn png(width: u32, height: u32) -> Vec<u8> {
    encode(&picture(width, height), ImageFormat::Png)
}

/// One PNG chunk: length, type, data, CRC.
fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
    out
}

/// A PNG with `extra` inserted right after its IHDR chunk (which ends at byte 33).
fn with_chunk(png: &[u8], extra: &[u8]) -> Vec<u8> {
    assert_eq!(&png[12..16], b"IHDR");
    [&png[..33], extra, &png[33..]].concat()
}

/// A PNG whose header claims `width`×`height` (the CRC fixed, the pixels not).
fn claiming(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = png(1, 1);
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.sum().to_be_bytes());
    bytes
}

/// A JPEG with an EXIF segment and a comment, both carrying a marker.
fn jpeg_with_metadata(width: u32, height: u32, marker: &str) -> Vec<u8> {
    let jpeg = encode(&picture(width, height), ImageFormat::Jpeg);
    assert_eq!(&jpeg[..2], [0xFF, 0xD8]);
    // A minimal little-endian TIFF with an empty IFD, then the marker.
    let mut exif = b"Exif\0\0II*\0\x08\0\0\0\0\0\0\0\0\0".to_vec();
    exif.extend_from_slice(marker.as_bytes());
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap().to_be_bytes());
    app1.extend_from_slice(&exif);
    let mut com = vec![0xFF, 0xFE];
    com.extend_from_slice(&u16::try_from(marker.len() + 2).unwrap().to_be_bytes());
    com.extend_from_slice(marker.as_bytes());
    [&jpeg[..2], &app1, &com, &jpeg[2..]].concat()
}

/// A zlib stream of `mib` MiB of zeros (at most as many as fit in
/// `budget` bytes), built from one compressed MiB repeated: a full flush
/// makes each copy stand alone and byte-aligned. Answers the stream and its MiB.
fn zlib_zeros(mib: u32, budget: usize) -> (Vec<u8>, u32) {
    let zeros = vec![0u8; 1 << 20];
    let mut deflate = flate2::Compress::new(flate2::Compression::best(), false);
    let mut segment = Vec::with_capacity(1 << 20);
    deflate
        .compress_vec(&zeros, &mut segment, flate2::FlushCompress::Full)
        .unwrap();
    assert_eq!(deflate.total_in(), 1 << 20, "one call takes the whole MiB");
    let mib = mib.min(u32::try_from(budget / segment.len()).unwrap_or(u32::MAX));
    let mut out = vec![0x78, 0x01];
    for _ in 0..mib {
        out.extend_from_slice(&segment);
    }
    // The final, empty block (fixed Huffman), then Adler-32 of all those zeros.
    out.extend_from_slice(&[0x03, 0x00]);
    let b = (u64::from(mib) << 20) % 65521;
    out.extend_from_slice(&((u32::try_from(b).unwrap() << 16) | 1).to_be_bytes());
    (out, mib)
}

async fn avatar_raw(client: &Client, account: Uuid) -> orgdesk_client::RawResponse {
    client
        .raw(
            Method::GET,
            &format!("/api/v1/accounts/{account}/avatar"),
            None,
            Vec::new(),
        )
        .await
        .unwrap()
}

fn header<'a>(response: &'a orgdesk_client::RawResponse, name: &str) -> &'a str {
    response
        .headers
        .get(name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or_else(|| panic!("no {name} header"))
}

/// The answers a refused upload may give: status and code.
type Allowed = &'static [(u16, &'static str)];

/// Decodes a stored picture: a 512×512 PNG.
fn stored_picture(bytes: &[u8]) -> image::DynamicImage {
    assert_eq!(
        image::guess_format(bytes).unwrap(),
        ImageFormat::Png,
        "stored as PNG"
    );
    let decoded = image::load_from_memory_with_format(bytes, ImageFormat::Png).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (512, 512));
    decoded
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

both!(
    avatar_upload_is_served_re_encoded_to_people_sharing_an_org,
    |ts| {
        let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
        let admin_me = admin.me().await.unwrap();
        let (client, me) = ts
            .member(&admin, &org, "carol@example.com", "Carol Jones")
            .await;
        let (outsider, _) = ts.register("olga@elsewhere.example", "Olga Outsider").await;
        assert_eq!(me.avatar_url, None);
        assert_eq!(
            failure(client.avatar(me.id).await),
            (404, "not_found".into())
        );

        let profile = client.upload_avatar(png(800, 600)).await.unwrap();
        let url = profile.avatar_url.clone().expect("avatar_url is set");
        assert!(
            url.contains(&format!("/api/v1/accounts/{}/avatar", me.id)),
            "{url}"
        );
        assert_eq!(profile.version, me.version + 1);
        assert_eq!(client.me().await.unwrap().avatar_url, Some(url.clone()));

        let answer = avatar_raw(&client, me.id).await;
        assert_eq!(answer.status, 200);
        assert_eq!(header(&answer, "content-type"), "image/png");
        assert_eq!(header(&answer, "x-content-type-options"), "nosniff");
        let csp = header(&answer, "content-security-policy");
        assert!(csp.contains("default-src 'none'"), "{csp}");
        stored_picture(&answer.body);
        // The URL in the profile serves the same bytes.
        let path = url.strip_prefix(&ts.url()).expect("an URL of this server");
        let by_url = client
            .raw(Method::GET, path, None, Vec::new())
            .await
            .unwrap();
        assert_eq!(by_url.status, 200);
        assert_eq!(by_url.body, answer.body);

        // Who may see it: the account itself and people sharing an organization.
        assert_eq!(admin.avatar(me.id).await.unwrap(), answer.body);
        assert_eq!(
            failure(outsider.avatar(me.id).await),
            (404, "not_found".into())
        );
        assert_eq!(failure(ts.client().avatar(me.id).await).0, 401);
        assert_eq!(
            failure(client.avatar(admin_me.id).await),
            (404, "not_found".into()),
            "the admin has none"
        );
        assert_eq!(
            failure(client.avatar(Uuid::now_v7()).await),
            (404, "not_found".into())
        );

        // JPEG and WebP work too, and come back as 512×512 PNG.
        let from_jpeg = client
            .upload_avatar(encode(&picture(640, 480), ImageFormat::Jpeg))
            .await
            .unwrap();
        assert!(from_jpeg.avatar_url.is_some());
        let jpeg_stored = client.avatar(me.id).await.unwrap();
        stored_picture(&jpeg_stored);
        assert_ne!(jpeg_stored, answer.body);
        client
            .upload_avatar(encode(&picture(300, 500), ImageFormat::WebP))
            .await
            .unwrap();
        stored_picture(&client.avatar(me.id).await.unwrap());
        // Smaller than 512 is scaled up; the declared content type does not matter.
        let small = client
            .raw(
                Method::PUT,
                "/api/v1/me/avatar",
                Some("image/gif"),
                png(40, 30),
            )
            .await
            .unwrap();
        assert_eq!(small.status, 200, "{}", small.text());
        stored_picture(&client.avatar(me.id).await.unwrap());

        // Up to 5 MiB is fine (more than the 2 MiB of JSON bodies).
        let noisy = noise_png(1000, 1000);
        assert!(
            noisy.len() > 3 << 20 && noisy.len() < 5 << 20,
            "{} bytes",
            noisy.len()
        );
        client.upload_avatar(noisy).await.unwrap();
        stored_picture(&client.avatar(me.id).await.unwrap());

        // Delete: 204, no URL, 404 for everyone.
        client.delete_avatar().await.unwrap();
        let gone = client.me().await.unwrap();
        assert_eq!(gone.avatar_url, None);
        assert_eq!(
            failure(client.avatar(me.id).await),
            (404, "not_found".into())
        );
        assert_eq!(
            failure(admin.avatar(me.id).await),
            (404, "not_found".into())
        );
        let delete = client
            .raw(Method::DELETE, "/api/v1/me/avatar", None, Vec::new())
            .await
            .unwrap();
        assert_eq!(delete.status, 204, "deleting again is fine");
    }
);

both!(avatar_metadata_and_polyglots_do_not_survive, |ts| {
    let (client, me) = ts.register("carol@example.com", "Carol Jones").await;

    // A PNG with a tEXt chunk.
    let text = with_chunk(
        &png(200, 200),
        &chunk(b"tEXt", b"Comment\0secret-text-chunk"),
    );
    assert!(
        image::load_from_memory(&text).is_ok(),
        "the test picture is valid"
    );
    client.upload_avatar(text).await.unwrap();
    let stored = client.avatar(me.id).await.unwrap();
    stored_picture(&stored);
    assert!(!contains(&stored, b"secret"), "text metadata is stripped");
    assert!(
        !contains(&stored, b"tEXt") && !contains(&stored, b"zTXt") && !contains(&stored, b"iTXt")
    );

    // A JPEG with EXIF and a comment.
    let jpeg = jpeg_with_metadata(320, 240, "secret-exif-marker");
    assert!(
        image::load_from_memory(&jpeg).is_ok(),
        "the test picture is valid"
    );
    client.upload_avatar(jpeg).await.unwrap();
    let stored = client.avatar(me.id).await.unwrap();
    stored_picture(&stored);
    assert!(
        !contains(&stored, b"secret"),
        "EXIF and comments are stripped"
    );
    assert!(!contains(&stored, b"eXIf") && !contains(&stored, b"Exif"));

    // A polyglot: a valid PNG with HTML after its end.
    let mut polyglot = png(100, 100);
    polyglot.extend_from_slice(b"<html><script>alert(1)</script></html>");
    let answer = client
        .raw(
            Method::PUT,
            "/api/v1/me/avatar",
            Some("text/html"),
            polyglot,
        )
        .await
        .unwrap();
    if answer.status == 200 {
        let stored = client.avatar(me.id).await.unwrap();
        stored_picture(&stored);
        assert!(
            !contains(&stored, b"<script"),
            "served bytes carry no script"
        );
        assert!(!contains(&stored, b"<html"));
    } else {
        assert!(
            matches!(answer.status, 415 | 422),
            "{} {}",
            answer.status,
            answer.text()
        );
    }
    // An HTML chunk inside a PNG is dropped as well.
    let inner = with_chunk(
        &png(64, 64),
        &chunk(b"tEXt", b"html\0<script>alert(2)</script>"),
    );
    client.upload_avatar(inner).await.unwrap();
    let served = avatar_raw(&client, me.id).await;
    assert!(!contains(&served.body, b"<script"));
    assert_eq!(header(&served, "content-type"), "image/png");
});

both!(avatar_refusals_keep_the_previous_picture, |ts| {
    let (client, me) = ts.register("carol@example.com", "Carol Jones").await;
    client.upload_avatar(png(800, 600)).await.unwrap();
    let before = client.me().await.unwrap();
    let picture_before = client.avatar(me.id).await.unwrap();

    let gif: Vec<u8> = vec![
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xff, 0xff,
        0xff, 0x00, 0x00, 0x00, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00,
        0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
    ];
    let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>"#.to_vec();
    let html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".to_vec();
    let mut truncated = png(300, 300);
    truncated.truncate(truncated.len() / 2);
    let mut six_mib = png(10, 10);
    six_mib.resize(6 * 1024 * 1024, 0);
    // Far more than the socket buffers hold: still being sent when refused.
    let mut thirty_mib = png(10, 10);
    thirty_mib.resize(30 * 1024 * 1024, 0);

    let cases: Vec<(&str, Vec<u8>, Allowed)> = vec![
        ("svg", svg, &[(415, "unsupported_image")]),
        ("gif", gif, &[(415, "unsupported_image")]),
        ("html", html, &[(415, "unsupported_image")]),
        (
            "empty",
            Vec::new(),
            &[(415, "unsupported_image"), (422, "unsupported_image")],
        ),
        (
            "text",
            b"just some words".to_vec(),
            &[(415, "unsupported_image")],
        ),
        ("6 MiB", six_mib, &[(413, "image_too_large")]),
        ("30 MiB", thirty_mib, &[(413, "image_too_large")]),
        (
            "100000x100000",
            claiming(100_000, 100_000),
            &[(413, "image_too_large"), (422, "unsupported_image")],
        ),
        (
            "8000x8000 (64 MP)",
            claiming(8000, 8000),
            &[(413, "image_too_large")],
        ),
        (
            "0x0",
            claiming(0, 0),
            &[(422, "unsupported_image"), (413, "image_too_large")],
        ),
        ("truncated", truncated, &[(422, "unsupported_image")]),
    ];
    for (what, bytes, allowed) in cases {
        let (status, code) = failure(client.upload_avatar(bytes).await);
        assert!(
            allowed.iter().any(|(s, c)| *s == status && *c == code),
            "{what}: {status} {code}, expected one of {allowed:?}"
        );
        assert_eq!(
            client.me().await.unwrap(),
            before,
            "{what}: the profile is unchanged"
        );
        assert_eq!(
            client.avatar(me.id).await.unwrap(),
            picture_before,
            "{what}: the picture is unchanged"
        );
    }
    // The server still takes a good picture afterwards.
    client.upload_avatar(png(512, 512)).await.unwrap();
    stored_picture(&client.avatar(me.id).await.unwrap());
});

both!(an_avatar_decompression_bomb_is_harmless, |ts| {
    let (client, me) = ts.register("carol@example.com", "Carol Jones").await;
    client.upload_avatar(png(100, 100)).await.unwrap();
    let picture_before = client.avatar(me.id).await.unwrap();

    // Check the construction on a small stream first.
    let mut small = Vec::new();
    let (stream, mib) = zlib_zeros(3, usize::MAX);
    std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(&stream[..]), &mut small)
        .unwrap();
    assert_eq!((small.len(), mib), (3 << 20, 3));
    assert!(small.iter().all(|b| *b == 0));

    // Gigabytes of zeros in a zTXt chunk of a valid 64×64 PNG.
    let (stream, mib) = zlib_zeros(4096, 4 << 20);
    assert!(mib >= 1024, "at least 1 GiB inflated: {mib} MiB");
    let mut data = b"bombkeyword\0\0".to_vec();
    data.extend_from_slice(&stream);
    let bomb = with_chunk(&png(64, 64), &chunk(b"zTXt", &data));
    let answer = client
        .raw(Method::PUT, "/api/v1/me/avatar", None, bomb)
        .await
        .unwrap();
    match answer.status {
        200 => {
            let stored = client.avatar(me.id).await.unwrap();
            stored_picture(&stored);
            assert!(
                stored.len() < 1024 * 1024,
                "the stored picture is small: {}",
                stored.len()
            );
            assert!(!contains(&stored, b"bombkeyword") && !contains(&stored, b"zTXt"));
        }
        413 | 415 | 422 => {
            assert_eq!(client.avatar(me.id).await.unwrap(), picture_before);
        }
        other => panic!("{other}: {}", answer.text()),
    }
    // The server keeps working.
    assert_eq!(client.me().await.unwrap().id, me.id);
    client.upload_avatar(png(64, 64)).await.unwrap();
});
