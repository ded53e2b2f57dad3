//! iCalendar (RFC 5545) export of a platform registry's editions, through the `icalendar`
//! crate (cargo feature `ical`, on by default).

use govframe_core::Date;
use icalendar::{Calendar, Component, Event, EventLike, Property};

use crate::registry::{Edition, Platform, PlatformRegistry};

/// The `PRODID` of calendars written by govframe.
pub const PRODID: &str = "-//govframe//govframe-platforms//EN";

/// The stable `UID` of an edition: `<editionId>@<registryId>.govframe`.
pub fn uid(registry: &PlatformRegistry, edition: &Edition) -> String {
    format!("{}@{}.govframe", edition.id, registry.id)
}

/// The time stamp written as every event's `DTSTAMP`: the registry's `updated` date, else the
/// latest date of any edition (its last day), else 1970-01-01; always at 00:00:00 UTC. It
/// comes from the data, never from the clock, so the same registry gives the same bytes.
pub fn stamp(registry: &PlatformRegistry) -> String {
    let date: Option<Date> = registry
        .updated
        .or_else(|| registry.editions().map(|(_, e)| e.last_day()).max());
    match date {
        Some(d) => format!("{}T000000Z", d.naive().format("%Y%m%d")),
        None => "19700101T000000Z".to_owned(),
    }
}

fn summary(platform: &Platform, edition: &Edition, lang: &str) -> String {
    let name = edition
        .name
        .as_ref()
        .unwrap_or(&platform.name)
        .best(lang)
        .to_owned();
    match &edition.code {
        Some(code) if !name.contains(code.as_str()) => format!("{code}: {name}"),
        _ => name,
    }
}

/// The registry's editions as an iCalendar text (CRLF line ends, lines folded at 75 octets).
///
/// One all-day `VEVENT` per edition, in document order: `DTSTART;VALUE=DATE` is the first
/// day and `DTEND;VALUE=DATE` the day after the last (RFC 5545 end dates are exclusive);
/// `UID` is [`uid`]; `DTSTAMP` is [`stamp`]; `SUMMARY` is the edition's code and name (or its
/// platform's); `DESCRIPTION` its theme; `LOCATION` its venue; `URL` the edition's page, else
/// the platform's. Texts are taken in language `lang` where given (falling back to English).
/// O(editions).
///
/// ```
/// use govframe_platforms::{PlatformRegistry, calendar::to_ics};
/// let reg: PlatformRegistry = serde_json::from_str(r#"{
///   "kind": "platformRegistry", "specVersion": "1.0", "id": "demo", "title": {"en": "Demo"},
///   "updated": "2026-01-15",
///   "platforms": [{"id": "forum", "name": {"en": "Demo Forum"}, "type": "forum", "level": "highLevel",
///     "editions": [{"id": "forum-2026", "code": "DF-26", "start": "2026-05-04", "end": "2026-05-06",
///                   "venue": {"type": "inPerson", "city": {"en": "Exampleville"}, "country": "XEX"}}]}]
/// }"#)?;
/// let ics = to_ics(&reg, "en");
/// assert!(ics.contains("DTSTART;VALUE=DATE:20260504\r\n"));
/// assert!(ics.contains("DTEND;VALUE=DATE:20260507\r\n")); // exclusive end
/// assert!(ics.contains("UID:forum-2026@demo.govframe\r\n"));
/// assert!(ics.contains("DTSTAMP:20260115T000000Z\r\n"));
/// assert_eq!(ics, to_ics(&reg, "en")); // byte-stable
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn to_ics(registry: &PlatformRegistry, lang: &str) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new("PRODID", PRODID));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    cal.append_property(Property::new("X-WR-CALNAME", registry.title.best(lang)));
    let dtstamp = stamp(registry);
    for (platform, edition) in registry.editions() {
        let start = edition.start.naive();
        let last = edition.last_day().naive();
        // The day after the last day; the last representable day has none, so it stays.
        let end = last.succ_opt().unwrap_or(last).max(start);
        let mut event = Event::new();
        event
            .uid(&uid(registry, edition))
            .add_property("DTSTAMP", dtstamp.as_str())
            .summary(&summary(platform, edition, lang))
            .starts(start)
            .ends(end);
        if let Some(theme) = &edition.theme {
            event.description(theme.best(lang));
        }
        if let Some(venue) = &edition.venue {
            event.location(&venue.describe(lang));
        }
        if let Some(url) = edition.url.as_ref().or(platform.url.as_ref()) {
            event.url(url.as_str());
        }
        cal.push(event.done());
    }
    cal.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ics_text_is_exact() {
        let reg: PlatformRegistry = serde_json::from_str(
            r#"{
  "kind": "platformRegistry", "specVersion": "1.0", "id": "demo-platforms", "title": {"en": "Demo platforms"},
  "platforms": [
    {"id": "forum", "name": {"en": "Demo Forum"}, "type": "forum", "level": "highLevel",
     "url": "https://example.org/forum",
     "editions": [
       {"id": "forum-2026", "code": "DF-26", "start": "2026-12-30", "end": "2027-01-02",
        "theme": {"en": "Trust, inclusion; and growth"},
        "venue": {"type": "hybrid", "city": {"en": "Exampleville"}, "country": "XEX"}},
       {"id": "forum-2027", "start": "2027-02-28",
        "venue": {"type": "virtual"}, "url": "https://example.org/forum/2027"}
     ]}
  ]
}"#,
        )
        .unwrap();
        let ics = to_ics(&reg, "en");
        let expected = "BEGIN:VCALENDAR\r\n\
VERSION:2.0\r\n\
PRODID:-//govframe//govframe-platforms//EN\r\n\
CALSCALE:GREGORIAN\r\n\
METHOD:PUBLISH\r\n\
X-WR-CALNAME:Demo platforms\r\n\
BEGIN:VEVENT\r\n\
DESCRIPTION:Trust\\, inclusion\\; and growth\r\n\
DTEND;VALUE=DATE:20270103\r\n\
DTSTAMP:20270228T000000Z\r\n\
DTSTART;VALUE=DATE:20261230\r\n\
LOCATION:Exampleville\\, XEX (and online)\r\n\
SUMMARY:DF-26: Demo Forum\r\n\
UID:forum-2026@demo-platforms.govframe\r\n\
URL:https://example.org/forum\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
DTEND;VALUE=DATE:20270301\r\n\
DTSTAMP:20270228T000000Z\r\n\
DTSTART;VALUE=DATE:20270228\r\n\
LOCATION:Online\r\n\
SUMMARY:Demo Forum\r\n\
UID:forum-2027@demo-platforms.govframe\r\n\
URL:https://example.org/forum/2027\r\n\
END:VEVENT\r\n\
END:VCALENDAR\r\n";
        assert_eq!(ics, expected);
    }

    #[test]
    fn long_lines_are_folded() {
        let mut reg =
            PlatformRegistry::new("r".parse().unwrap(), govframe_core::LocalizedText::en("R"));
        let mut p = Platform::new(
            "p".parse().unwrap(),
            govframe_core::LocalizedText::en("A platform with a very long name ".repeat(5)),
            crate::PlatformKind::Forum,
            crate::PlatformLevel::Expert,
        );
        p.editions.push(Edition::new(
            "e".parse().unwrap(),
            "2026-01-01".parse().unwrap(),
        ));
        reg.platforms.push(p);
        let ics = to_ics(&reg, "en");
        assert!(ics.split("\r\n").all(|l| l.len() <= 75), "{ics}");
        assert!(ics.contains("\r\n "));
    }
}
