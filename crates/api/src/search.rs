//! The members search, as both programs apply it: the platform indexes a
//! member's words and matches a query's words as prefixes of them; the
//! console's offline copy matches the same way, so a search offline finds
//! what it would find online.

/// At most this many words of a query are matched (the rest are ignored).
pub const MAX_QUERY_WORDS: usize = 5;

fn pieces(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The words a search prefix-matches for a member: each word of the name,
/// the whole address, its pieces and its domain; lower case, sorted, unique.
pub fn member_words(name: &str, email: &str) -> Vec<String> {
    let mut words: Vec<String> = pieces(name).chain(pieces(email)).collect();
    let email = email.to_lowercase();
    if let Some((_, domain)) = email.split_once('@') {
        words.push(domain.to_string());
    }
    words.push(email);
    words.sort();
    words.dedup();
    words
}

/// A query's words: an address is one word, anything else splits on
/// punctuation; lower case, at most [`MAX_QUERY_WORDS`].
pub fn query_words(q: &str) -> Vec<String> {
    let q = q.trim().to_lowercase();
    if q.contains('@') {
        return vec![q];
    }
    pieces(&q).take(MAX_QUERY_WORDS).collect()
}

/// Whether every query word prefixes one of the member's words (an empty
/// query matches everyone).
pub fn matches(query: &[String], member: &[String]) -> bool {
    query
        .iter()
        .all(|word| member.iter().any(|own| own.starts_with(word.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_a_member() {
        let words = member_words("Zoë O'Neill", "zoe.oneill@Acme.example");
        for w in [
            "zoë",
            "o",
            "neill",
            "zoe",
            "oneill",
            "acme",
            "example",
            "acme.example",
            "zoe.oneill@acme.example",
        ] {
            assert!(words.contains(&w.to_string()), "{w} in {words:?}");
        }
        let mut sorted = words.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(words, sorted);
    }

    #[test]
    fn a_query_matches_by_word_prefixes() {
        let zoe = member_words("Zoë O'Neill", "zoe.oneill@acme.example");
        let yes = [
            "zo",
            "ZOË o'ne",
            "acme.ex",
            "zoe.oneill@acme.exam",
            "  ",
            "neill zo",
        ];
        for q in yes {
            assert!(matches(&query_words(q), &zoe), "{q}");
        }
        let no = ["eill", "oneill@acme.example", "zoe@acme.example", "zoë x"];
        for q in no {
            assert!(!matches(&query_words(q), &zoe), "{q}");
        }
    }

    #[test]
    fn an_address_is_one_word_and_queries_are_bounded() {
        assert_eq!(query_words(" A.B@C.example "), vec!["a.b@c.example"]);
        assert_eq!(query_words("a b c d e f g").len(), MAX_QUERY_WORDS);
        assert!(query_words("--").is_empty());
    }
}
