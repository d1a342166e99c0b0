//! Colours: parsing CSS colour literals, sRGB → CIELAB, and the CIEDE2000 colour difference.
//!
//! CIEDE2000 follows the formula as published by the CIE (CIE 142-2001) and the implementation
//! notes of Sharma, Wu and Dalal (Color Res. Appl. 30(1), 2005); the unit tests run their 34
//! published test pairs.

/// An sRGB colour with alpha, 8 bits per channel (alpha 0–255).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Rgba {
    pub(crate) r: u8,
    pub(crate) g: u8,
    pub(crate) b: u8,
    pub(crate) a: u8,
}

impl Rgba {
    /// Lower-case `#rrggbb`, or `#rrggbbaa` when not opaque: the normal form colours compare in.
    pub(crate) fn hex(self) -> String {
        if self.a == 255 {
            format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
        } else {
            format!("#{:02x}{:02x}{:02x}{:02x}", self.r, self.g, self.b, self.a)
        }
    }

    /// CIELAB (D65 white) of the colour, ignoring alpha.
    pub(crate) fn lab(self) -> [f64; 3] {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let (r, g, b) = (lin(self.r), lin(self.g), lin(self.b));
        let x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
        let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        let z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
        let f = |t: f64| {
            if t > 216.0 / 24389.0 {
                t.cbrt()
            } else {
                (24389.0 / 27.0 * t + 16.0) / 116.0
            }
        };
        let (fx, fy, fz) = (f(x / 0.95047), f(y / 1.0), f(z / 1.08883));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }
}

/// Parses a CSS colour literal: `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()`/`rgba()` (commas
/// or spaces, numbers or percentages, optional `/ alpha`), `hsl()`/`hsla()`. Case-insensitive.
pub(crate) fn parse(s: &str) -> Option<Rgba> {
    let s = s.trim();
    if let Some(hex) = s.strip_prefix('#') {
        return parse_hex(hex);
    }
    let lower = s.to_ascii_lowercase();
    let (func, rest) = lower.split_once('(')?;
    let args = rest.strip_suffix(')')?;
    let parts: Vec<&str> = args
        .split([',', ' ', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 && parts.len() != 4 {
        return None;
    }
    let alpha = match parts.get(3) {
        None => 255,
        Some(a) => {
            let v = match a.strip_suffix('%') {
                Some(p) => p.parse::<f64>().ok()? / 100.0,
                None => a.parse::<f64>().ok()?,
            };
            (v.clamp(0.0, 1.0) * 255.0).round() as u8
        }
    };
    match func.trim() {
        "rgb" | "rgba" => {
            let ch = |p: &str| -> Option<u8> {
                let v = match p.strip_suffix('%') {
                    Some(pc) => pc.parse::<f64>().ok()? * 2.55,
                    None => p.parse::<f64>().ok()?,
                };
                v.is_finite().then(|| v.clamp(0.0, 255.0).round() as u8)
            };
            Some(Rgba {
                r: ch(parts[0])?,
                g: ch(parts[1])?,
                b: ch(parts[2])?,
                a: alpha,
            })
        }
        "hsl" | "hsla" => {
            let h = parts[0].trim_end_matches("deg").parse::<f64>().ok()?;
            let pct = |p: &str| -> Option<f64> {
                Some(p.strip_suffix('%').unwrap_or(p).parse::<f64>().ok()? / 100.0)
            };
            let (sat, l) = (
                pct(parts[1])?.clamp(0.0, 1.0),
                pct(parts[2])?.clamp(0.0, 1.0),
            );
            if !h.is_finite() {
                return None;
            }
            let h = h.rem_euclid(360.0) / 360.0;
            let q = if l < 0.5 {
                l * (1.0 + sat)
            } else {
                l + sat - l * sat
            };
            let p = 2.0 * l - q;
            let hue = |mut t: f64| {
                t = t.rem_euclid(1.0);
                let v = if t < 1.0 / 6.0 {
                    p + (q - p) * 6.0 * t
                } else if t < 0.5 {
                    q
                } else if t < 2.0 / 3.0 {
                    p + (q - p) * (2.0 / 3.0 - t) * 6.0
                } else {
                    p
                };
                (v * 255.0).round() as u8
            };
            Some(Rgba {
                r: hue(h + 1.0 / 3.0),
                g: hue(h),
                b: hue(h - 1.0 / 3.0),
                a: alpha,
            })
        }
        "oklch" => {
            let l = match parts[0].strip_suffix('%') {
                Some(p) => p.parse::<f64>().ok()? / 100.0,
                None => parts[0].parse::<f64>().ok()?,
            };
            let c = parts[1].parse::<f64>().ok()?;
            let h = parts[2].trim_end_matches("deg").parse::<f64>().ok()?;
            let (a, b) = (c * h.to_radians().cos(), c * h.to_radians().sin());
            oklab_to_srgb(l, a, b, alpha)
        }
        _ => None,
    }
}

/// OKLab → sRGB (clamped to the gamut).
fn oklab_to_srgb(l: f64, a: f64, b: f64, alpha: u8) -> Option<Rgba> {
    if ![l, a, b].iter().all(|v| v.is_finite()) {
        return None;
    }
    let l_ = (l + 0.3963377774 * a + 0.2158037573 * b).powi(3);
    let m_ = (l - 0.1055613458 * a - 0.0638541728 * b).powi(3);
    let s_ = (l - 0.0894841775 * a - 1.2914855480 * b).powi(3);
    let r = 4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_;
    let g = -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_;
    let bl = -0.0041960863 * l_ - 0.7034186147 * m_ + 1.7076147010 * s_;
    let gamma = |c: f64| {
        let c = c.clamp(0.0, 1.0);
        let v = if c <= 0.0031308 {
            12.92 * c
        } else {
            1.055 * c.powf(1.0 / 2.4) - 0.055
        };
        (v * 255.0).round() as u8
    };
    Some(Rgba {
        r: gamma(r),
        g: gamma(g),
        b: gamma(bl),
        a: alpha,
    })
}

fn parse_hex(hex: &str) -> Option<Rgba> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let d = |i: usize, n: usize| u8::from_str_radix(&hex[i..i + n], 16).ok();
    let x2 = |v: u8| v * 17;
    match hex.len() {
        3 | 4 => Some(Rgba {
            r: x2(d(0, 1)?),
            g: x2(d(1, 1)?),
            b: x2(d(2, 1)?),
            a: if hex.len() == 4 { x2(d(3, 1)?) } else { 255 },
        }),
        6 | 8 => Some(Rgba {
            r: d(0, 2)?,
            g: d(2, 2)?,
            b: d(4, 2)?,
            a: if hex.len() == 8 { d(6, 2)? } else { 255 },
        }),
        _ => None,
    }
}

/// Every colour in `value` with its spelling (`("#fff", rgba)`), in order.
pub(crate) fn spelled(value: &str) -> Vec<(String, Rgba)> {
    find_all(value)
        .into_iter()
        .map(|(r, c)| (value[r].to_string(), c))
        .collect()
}

/// Every colour literal inside a CSS value (`1px solid #ccc`, `0 1px 2px rgba(0,0,0,.2)`), with
/// its byte range in `value`.
pub(crate) fn find_all(value: &str) -> Vec<(std::ops::Range<usize>, Rgba)> {
    let b = value.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'-');
        if b[i] == b'#' {
            let end = (i + 1..b.len())
                .find(|&j| !b[j].is_ascii_alphanumeric())
                .unwrap_or(b.len());
            if let Some(c) = parse_hex(&value[i + 1..end]) {
                out.push((i..end, c));
            }
            i = end.max(i + 1);
            continue;
        }
        if boundary && b[i].is_ascii_alphabetic() {
            let rest = &value[i..];
            let lower = rest.get(..5).unwrap_or(rest).to_ascii_lowercase();
            if lower.starts_with("rgb") || lower.starts_with("hsl") || lower.starts_with("oklch") {
                if let Some(close) = rest.find(')') {
                    if let Some(c) = parse(&rest[..=close]) {
                        out.push((i..i + close + 1, c));
                        i += close + 1;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    out
}

/// The CIEDE2000 colour difference ΔE00 between two CIELAB colours (kL = kC = kH = 1).
pub(crate) fn ciede2000(lab1: [f64; 3], lab2: [f64; 3]) -> f64 {
    let [l1, a1, b1] = lab1;
    let [l2, a2, b2] = lab2;
    let c1 = a1.hypot(b1);
    let c2 = a2.hypot(b2);
    let c_bar = (c1 + c2) / 2.0;
    let c_bar7 = c_bar.powi(7);
    let g = 0.5 * (1.0 - (c_bar7 / (c_bar7 + 25f64.powi(7))).sqrt());
    let a1p = (1.0 + g) * a1;
    let a2p = (1.0 + g) * a2;
    let c1p = a1p.hypot(b1);
    let c2p = a2p.hypot(b2);
    let hue = |b: f64, a: f64| {
        if b == 0.0 && a == 0.0 {
            0.0
        } else {
            b.atan2(a).to_degrees().rem_euclid(360.0)
        }
    };
    let h1p = hue(b1, a1p);
    let h2p = hue(b2, a2p);

    let dl = l2 - l1;
    let dc = c2p - c1p;
    let dh_angle = if c1p * c2p == 0.0 {
        0.0
    } else {
        let d = h2p - h1p;
        if d > 180.0 {
            d - 360.0
        } else if d < -180.0 {
            d + 360.0
        } else {
            d
        }
    };
    let dh = 2.0 * (c1p * c2p).sqrt() * (dh_angle.to_radians() / 2.0).sin();

    let l_bar = (l1 + l2) / 2.0;
    let c_bar_p = (c1p + c2p) / 2.0;
    let h_bar_p = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * (h_bar_p - 30.0).to_radians().cos()
        + 0.24 * (2.0 * h_bar_p).to_radians().cos()
        + 0.32 * (3.0 * h_bar_p + 6.0).to_radians().cos()
        - 0.20 * (4.0 * h_bar_p - 63.0).to_radians().cos();
    let d_theta = 30.0 * (-((h_bar_p - 275.0) / 25.0).powi(2)).exp();
    let c_bar_p7 = c_bar_p.powi(7);
    let rc = 2.0 * (c_bar_p7 / (c_bar_p7 + 25f64.powi(7))).sqrt();
    let l50 = (l_bar - 50.0).powi(2);
    let sl = 1.0 + 0.015 * l50 / (20.0 + l50).sqrt();
    let sc = 1.0 + 0.045 * c_bar_p;
    let sh = 1.0 + 0.015 * c_bar_p * t;
    let rt = -(2.0 * d_theta).to_radians().sin() * rc;
    let (tl, tc, th) = (dl / sl, dc / sc, dh / sh);
    (tl * tl + tc * tc + th * th + rt * tc * th).sqrt()
}

/// ΔE00 between two sRGB colours.
#[cfg(test)]
pub(crate) fn delta_e(a: Rgba, b: Rgba) -> f64 {
    ciede2000(a.lab(), b.lab())
}

/// What [`seen_delta_e`] compares of one colour, computed once: its CIELAB as seen over white
/// and over black (one value for an opaque colour, which shows as itself over both).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Seen {
    opaque: bool,
    over_white: [f64; 3],
    over_black: [f64; 3],
}

impl Seen {
    pub(crate) fn of(c: Rgba) -> Seen {
        if c.a == 255 {
            let lab = c.lab();
            return Seen {
                opaque: true,
                over_white: lab,
                over_black: lab,
            };
        }
        Seen {
            opaque: false,
            over_white: over(c, WHITE).lab(),
            over_black: over(c, BLACK).lab(),
        }
    }
}

/// How different two colours look, from their [`Seen`]: CIEDE2000 of the colours as seen over
/// white and over black, the larger of the two (for two opaque colours, of the colours: an
/// opaque colour over any background is itself). A translucent colour is not its opaque
/// channels (`rgba(0,0,0,.1)` over a page is a light grey, not black).
pub(crate) fn seen_delta_e_of(a: &Seen, b: &Seen) -> f64 {
    if a.opaque && b.opaque {
        return ciede2000(a.over_white, b.over_white);
    }
    ciede2000(a.over_white, b.over_white).max(ciede2000(a.over_black, b.over_black))
}

/// The two backgrounds a translucent colour is seen over.
const WHITE: Rgba = Rgba {
    r: 255,
    g: 255,
    b: 255,
    a: 255,
};
const BLACK: Rgba = Rgba {
    r: 0,
    g: 0,
    b: 0,
    a: 255,
};

/// The colour `c` shows over an opaque background `bg` (straight alpha, per sRGB channel).
fn over(c: Rgba, bg: Rgba) -> Rgba {
    let a = f64::from(c.a) / 255.0;
    let mix = |f: u8, b: u8| (f64::from(f) * a + f64::from(b) * (1.0 - a)).round() as u8;
    Rgba {
        r: mix(c.r, bg.r),
        g: mix(c.g, bg.g),
        b: mix(c.b, bg.b),
        a: 255,
    }
}

/// How different two colours look: CIEDE2000 of the colours as seen over white and over black,
/// the larger of the two. For opaque colours that is [`delta_e`]; a translucent colour is not
/// its opaque channels (`rgba(0,0,0,.1)` over a page is a light grey, not black). The
/// definition [`seen_delta_e_of`] computes from each colour's [`Seen`].
#[cfg(test)]
pub(crate) fn seen_delta_e(a: Rgba, b: Rgba) -> f64 {
    if a.a == 255 && b.a == 255 {
        return delta_e(a, b);
    }
    delta_e(over(a, WHITE), over(b, WHITE)).max(delta_e(over(a, BLACK), over(b, BLACK)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sharma, Wu and Dalal (2005), Table 1: L1 a1 b1, L2 a2 b2, ΔE00.
    const SHARMA: [[f64; 7]; 34] = [
        [50.0, 2.6772, -79.7751, 50.0, 0.0, -82.7485, 2.0425],
        [50.0, 3.1571, -77.2803, 50.0, 0.0, -82.7485, 2.8615],
        [50.0, 2.8361, -74.0200, 50.0, 0.0, -82.7485, 3.4412],
        [50.0, -1.3802, -84.2814, 50.0, 0.0, -82.7485, 1.0000],
        [50.0, -1.1848, -84.8006, 50.0, 0.0, -82.7485, 1.0000],
        [50.0, -0.9009, -85.5211, 50.0, 0.0, -82.7485, 1.0000],
        [50.0, 0.0, 0.0, 50.0, -1.0, 2.0, 2.3669],
        [50.0, -1.0, 2.0, 50.0, 0.0, 0.0, 2.3669],
        [50.0, 2.49, -0.001, 50.0, -2.49, 0.0009, 7.1792],
        [50.0, 2.49, -0.001, 50.0, -2.49, 0.0010, 7.1792],
        [50.0, 2.49, -0.001, 50.0, -2.49, 0.0011, 7.2195],
        [50.0, 2.49, -0.001, 50.0, -2.49, 0.0012, 7.2195],
        [50.0, -0.001, 2.49, 50.0, 0.0009, -2.49, 4.8045],
        [50.0, -0.001, 2.49, 50.0, 0.0010, -2.49, 4.8045],
        [50.0, -0.001, 2.49, 50.0, 0.0011, -2.49, 4.7461],
        [50.0, 2.5, 0.0, 50.0, 0.0, -2.5, 4.3065],
        [50.0, 2.5, 0.0, 73.0, 25.0, -18.0, 27.1492],
        [50.0, 2.5, 0.0, 61.0, -5.0, 29.0, 22.8977],
        [50.0, 2.5, 0.0, 56.0, -27.0, -3.0, 31.9030],
        [50.0, 2.5, 0.0, 58.0, 24.0, 15.0, 19.4535],
        [50.0, 2.5, 0.0, 50.0, 3.1736, 0.5854, 1.0000],
        [50.0, 2.5, 0.0, 50.0, 3.2972, 0.0, 1.0000],
        [50.0, 2.5, 0.0, 50.0, 1.8634, 0.5757, 1.0000],
        [50.0, 2.5, 0.0, 50.0, 3.2592, 0.3350, 1.0000],
        [
            60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644,
        ],
        [
            63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630,
        ],
        [61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731],
        [35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645],
        [
            22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373,
        ],
        [36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146],
        [90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441],
        [90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381],
        [6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377],
        [2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082],
    ];

    #[test]
    fn ciede2000_matches_the_sharma_test_pairs_both_ways() {
        for (i, p) in SHARMA.iter().enumerate() {
            let (x, y) = ([p[0], p[1], p[2]], [p[3], p[4], p[5]]);
            let d = ciede2000(x, y);
            assert!((d - p[6]).abs() < 1e-4, "pair {}: {d} vs {}", i + 1, p[6]);
            assert!(
                (ciede2000(y, x) - p[6]).abs() < 1e-4,
                "pair {} reversed",
                i + 1
            );
        }
        assert_eq!(ciede2000([40.0, 10.0, -5.0], [40.0, 10.0, -5.0]), 0.0);
    }

    #[test]
    fn translucent_colours_compare_as_they_are_seen() {
        let c = |t: &str| parse(t).unwrap();
        // opaque: the plain distance
        assert_eq!(
            seen_delta_e(c("#123456"), c("#123457")),
            delta_e(c("#123456"), c("#123457"))
        );
        // 10 % black is a light grey over a page, nowhere near black
        assert!(seen_delta_e(c("rgba(0,0,0,0.1)"), c("#000")) > 50.0);
        // the same translucent colour, and a near one, stay close
        assert!(seen_delta_e(c("rgba(0,0,0,0.1)"), c("rgba(0,0,0,0.1)")) < 1e-9);
        assert!(seen_delta_e(c("rgba(0,0,0,0.1)"), c("rgba(0,0,0,0.12)")) < 5.0);
        // a translucent colour over white is close to its opaque look-alike there, not over black
        assert!(seen_delta_e(c("rgba(255,255,255,0.5)"), c("#ffffff")) > 30.0);
    }

    #[test]
    fn seen_once_compares_as_seen_delta_e() {
        let mut colours = Vec::new();
        for r in [0u8, 17, 128, 200, 255] {
            for g in [0u8, 90, 255] {
                for b in [0u8, 60, 255] {
                    for a in [0u8, 1, 77, 128, 254, 255] {
                        colours.push(Rgba { r, g, b, a });
                    }
                }
            }
        }
        for x in &colours {
            for y in &colours {
                let once = seen_delta_e_of(&Seen::of(*x), &Seen::of(*y));
                assert_eq!(
                    once.to_bits(),
                    seen_delta_e(*x, *y).to_bits(),
                    "{x:?} {y:?}"
                );
            }
        }
    }

    #[test]
    fn lab_of_known_colours() {
        let w = parse("#fff").unwrap().lab();
        assert!((w[0] - 100.0).abs() < 1e-3 && w[1].abs() < 1e-2 && w[2].abs() < 1e-2);
        let r = parse("#ff0000").unwrap().lab();
        assert!(
            (r[0] - 53.24).abs() < 0.05 && (r[1] - 80.09).abs() < 0.1 && (r[2] - 67.20).abs() < 0.1
        );
    }

    #[test]
    fn parsing_normalises_every_notation() {
        let white = Rgba {
            r: 255,
            g: 255,
            b: 255,
            a: 255,
        };
        for s in [
            "#FFF",
            "#ffffff",
            "rgb(255,255,255)",
            "rgb(255 255 255)",
            "RGBA(255, 255, 255, 1)",
            "hsl(0, 0%, 100%)",
            "rgb(100%,100%,100%)",
            "#ffff",
        ] {
            assert_eq!(parse(s), Some(white), "{s}");
        }
        assert_eq!(parse("rgba(0,0,0,.5)").unwrap().hex(), "#00000080");
        assert_eq!(parse("rgb(0 0 0 / 50%)").unwrap().hex(), "#00000080");
        assert_eq!(parse("hsl(120, 100%, 25%)").unwrap().hex(), "#008000");
        assert_eq!(parse("#1A73E8").unwrap().hex(), "#1a73e8");
        assert_eq!(parse("oklch(1 0 0)").unwrap().hex(), "#ffffff");
        assert_eq!(parse("oklch(62.8% 0.2577 29.23)").unwrap().hex(), "#ff0000");
        for bad in [
            "#12",
            "#ggg",
            "rgb(1,2)",
            "red",
            "var(--x)",
            "rgb(a,b,c)",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn finds_colours_inside_values() {
        let v = "0 1px 2px rgba(0, 0, 0, 0.2), inset 0 0 0 1px #E5E7EB";
        let found: Vec<String> = find_all(v).into_iter().map(|(_, c)| c.hex()).collect();
        assert_eq!(found, vec!["#00000033", "#e5e7eb"]);
        assert!(find_all("var(--color-primary) #notacolour").is_empty());
        assert!(find_all("url(#gradient)").is_empty());
    }
}
