//! Pasted whole pages, written for these tests: where the story sits among a
//! site's menus, notices, lists and readers' comments.

use super::*;

/// A site's navigation: enough one- and two-word lines to make a page.
fn menu() -> String {
    [
        "Home",
        "News",
        "Local",
        "Sport",
        "Business",
        "Opinion",
        "Culture",
        "Travel",
        "Weather",
        "Video",
        "Podcasts",
        "Puzzles",
        "Obituaries",
        "Events",
        "Jobs",
        "Homes",
        "Cars",
        "Contact",
        "Archive",
        "Newsletters",
    ]
    .join("\n")
}

fn footer() -> String {
    [
        "About us",
        "Careers",
        "Advertise",
        "Privacy",
        "Terms",
        "Help",
        "Site map",
    ]
    .join("\n")
}

fn page(middle: &str) -> String {
    format!("{}\n{middle}\n{}\n", menu(), footer())
}

const NOTICE: &str = "\
Our customer service centre will be closed on public holidays, and replies to messages sent during that time may take up to five working days to arrive, for which we apologise in advance to all our readers.
Subscribers who want to change their delivery address, pause their print edition while travelling or update the card they pay with can do all of this in their account settings without calling us at all.
If you have a question about an invoice, please have your subscriber number ready before you contact the team, because it helps us find your account quickly and answer your question the first time you write.
We value every reader who supports our journalism, and we are always grateful for suggestions about how we could make the service simpler, faster and more useful for everyone who relies on it each day.";

const SHORT_STORY: &str = "\
A footbridge over the river in the old town will close for three weeks from Monday while engineers replace its worn timber deck, the council said.
Pedestrians will be directed to the road bridge a short walk downstream, and a temporary ferry will run at weekends for people with bicycles and pushchairs.";

#[test]
fn a_short_story_under_its_headline_beats_a_longer_notice() {
    let text = page(&format!(
        "{NOTICE}\nFootbridge to close for repairs\nBy Nadia Okafor\nMarch 3, 2021\n{SHORT_STORY}"
    ));
    let c = clean_text(&text);
    assert!(
        c.body.starts_with("A footbridge over the river"),
        "{}",
        c.body
    );
    assert!(c.body.ends_with("bicycles and pushchairs."), "{}", c.body);
    assert!(!c.body.contains("customer service"), "{}", c.body);
    assert_eq!(
        c.headline.as_deref(),
        Some("Footbridge to close for repairs")
    );
}

#[test]
fn a_list_inside_the_story_stays() {
    let story = "\
The band announced a spring tour on Tuesday, its first in six years, with eight dates across the country and tickets on sale from Friday morning.
The shows are:
April 2 – Leeds, First Direct Arena
April 4 – Glasgow, Hydro
April 7 – Cardiff, Motorpoint Arena
April 9 – London, O2 Arena
The singer said the new songs had been written during a long winter at home, and that the band had rehearsed them in a barn borrowed from a neighbour.";
    let text = page(&format!(
        "Band sets first tour in six years\nBy Tom Ellery\n{story}\nRelated stories\nAnother band splits after twenty years\nFestival line-up revealed"
    ));
    let c = clean_text(&text);
    for line in [
        "The shows are:",
        "April 2 – Leeds, First Direct Arena",
        "April 9 – London, O2 Arena",
        "borrowed from a neighbour.",
    ] {
        assert!(c.body.contains(line), "{line:?} lost from {:?}", c.body);
    }
    assert!(!c.body.contains("Festival line-up"), "{}", c.body);
}

#[test]
fn the_headline_is_not_the_masthead_or_a_banner() {
    let story = "\
The city's oldest bakery will stay open after a group of regular customers raised enough money to buy the building from its retiring owners, organisers said on Sunday.
The group plans to keep the bakers on and to open a small café in the back room, which has been used as a store for decades.";
    let text = format!(
        "The Riverside Ledger\nSubscribe today and get your first month free\n{}\nPhoto: the bakery's front window on a winter morning\nCustomers save the city's oldest bakery\nBy Ama Boateng\nUpdated 2 hours ago\n{story}\n{}\n",
        menu(),
        footer()
    );
    let c = clean_text(&text);
    assert_eq!(
        c.headline.as_deref(),
        Some("Customers save the city's oldest bakery")
    );
    assert!(c.body.starts_with("The city's oldest bakery"), "{}", c.body);
    assert!(!c.body.contains("Riverside Ledger"));
}

#[test]
fn a_comment_thread_leaves_the_body() {
    let story = "\
Volunteers planted four hundred trees along the canal on Saturday, the first stage of a plan to shade the towpath before summer.
The trust that looks after the canal said more volunteers would be needed for the second stage next winter.";
    let text = page(&format!(
        "Volunteers plant trees along the canal\nBy Ines Varga\n{story}\n2 Comments\nGreta Lind says: March 6, 2021 at 8:02 pm\nLovely to see this happening, I walk that path every day and it badly needs the shade.\nReply\nPaul Avery March 7, 2021 at 9:40 am\nWill they water them through the summer? Half the last lot died.\nReply\nReport\nLeave a Reply"
    ));
    let c = clean_text(&text);
    assert!(c.body.ends_with("next winter."), "{}", c.body);
    assert!(!c.body.contains("Lovely to see"));
    assert!(
        c.furniture
            .iter()
            .any(|f| f.kind == FurnitureKind::Comments && f.text.starts_with("Greta Lind")),
        "{:?}",
        c.furniture
    );
    assert_eq!(c.author.as_deref(), Some("Ines Varga"), "not a commenter");
}

#[test]
fn a_list_closing_the_story_stays() {
    let story = "\
The orchestra will travel abroad next summer for the first time since its founding, playing five concerts in four countries, its director said on Thursday.
Tickets for the home concert that opens the tour go on sale next week.";
    let text = page(&format!(
        "Orchestra plans first tour abroad\nBy Leah Brandt\n{story}\nTour dates\nJuly 3 – Vienna, Musikverein\nJuly 6 – Prague, Rudolfinum\nJuly 9 – Krakow, Philharmonic Hall\nJuly 12 – Berlin, Konzerthaus"
    ));
    let c = clean_text(&text);
    assert!(c.body.contains("Tour dates"), "{}", c.body);
    assert!(
        c.body.ends_with("July 12 – Berlin, Konzerthaus"),
        "{}",
        c.body
    );
    // A menu after the story is no list of the story's.
    assert!(!c.body.contains("Careers"));
}
