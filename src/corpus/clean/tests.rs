//! Whole-text fixtures in several page styles, written for these tests.

use super::*;
use FurnitureKind as K;

fn kinds(c: &CleanText) -> Vec<FurnitureKind> {
    c.furniture.iter().map(|f| f.kind).collect()
}

fn has(c: &CleanText, kind: FurnitureKind, text: &str) -> bool {
    c.furniture.iter().any(|f| f.kind == kind && f.text == text)
}

const BULLETED: &str = "\
Ministers agree new budget after all-night talks.
- Last update: 3 hours ago
- 5 min read
- 1,204 Views
- POLITICS
BRUSSELS European finance ministers agreed a new budget framework early on Wednesday after talks that ran through the night in Brussels.
The deal still needs approval from national parliaments, officials said, and several capitals have signalled objections.
Author: Maria Keller
Share
Farmers block roads in protest over fuel prices
12 seconds ago 3 min read POLITICS
Storm leaves thousands without power.
5 minutes ago 2 min read POLITICS
";

#[test]
fn bulleted_metadata_page() {
    let c = clean_text(BULLETED);
    assert_eq!(
        c.headline.as_deref(),
        Some("Ministers agree new budget after all-night talks.")
    );
    assert_eq!(c.dateline.as_deref(), Some("BRUSSELS"));
    assert_eq!(c.author.as_deref(), Some("Maria Keller"));
    assert_eq!(c.metadata["updated"], "3 hours ago");
    assert_eq!(c.metadata["reading_time"], 5);
    assert_eq!(c.metadata["views"], 1204);
    assert_eq!(c.metadata["section"], "POLITICS");
    assert!(c.body.starts_with("European finance ministers agreed"));
    assert!(c.body.ends_with("signalled objections."));
    assert_eq!(c.body.split("\n\n").count(), 2);
    assert!(has(
        &c,
        K::Teaser,
        "Farmers block roads in protest over fuel prices"
    ));
    assert!(has(&c, K::Teaser, "Storm leaves thousands without power."));
    assert!(has(&c, K::Interface, "Share"));
    assert!(!c.body.contains("ago"));
}

const DATED: &str = "  date 2024-03-09 LONDON (Reuters) - Britain's economy grew faster than expected in the final quarter, official data showed on Friday.

Economists had forecast a smaller rise.

‘A turning point’

“This is a turning point,” the finance minister said in a statement.

(Reporting by Jane Doe; Editing by John Roe)
";

#[test]
fn date_marker_and_wire_dateline() {
    let c = clean_text(DATED);
    assert_eq!(c.date, NaiveDate::from_ymd_opt(2024, 3, 9));
    assert_eq!(c.headline, None);
    assert_eq!(c.dateline.as_deref(), Some("LONDON (Reuters)"));
    assert_eq!(c.source.as_deref(), Some("Reuters"));
    assert_eq!(kinds(&c)[..2], [K::DateMarker, K::Dateline]);
    assert!(has(
        &c,
        K::Agency,
        "(Reporting by Jane Doe; Editing by John Roe)"
    ));
    let paragraphs: Vec<&str> = c.body.split("\n\n").collect();
    assert_eq!(
        paragraphs,
        [
            "Britain's economy grew faster than expected in the final quarter, official data showed on Friday.",
            "Economists had forecast a smaller rise.",
            "‘A turning point’",
            "“This is a turning point,” the finance minister said in a statement.",
        ]
    );
}

const SECTION_THEN_HEADLINE: &str = "\
Europe
Floods force evacuations along the Danube
Rescue teams evacuated hundreds of residents from riverside towns on Sunday as the Danube rose to its highest level in a decade.
Emergency shelters opened in schools and sports halls. – Reuters
Officials said the water would peak on Tuesday.
AP
";

#[test]
fn section_label_above_headline_and_trailing_agency() {
    let c = clean_text(SECTION_THEN_HEADLINE);
    assert_eq!(
        c.headline.as_deref(),
        Some("Floods force evacuations along the Danube")
    );
    assert!(has(&c, K::Section, "Europe"));
    assert_eq!(c.metadata["section"], "Europe");
    assert!(has(
        &c,
        K::Caption,
        "Emergency shelters opened in schools and sports halls. – Reuters"
    ));
    assert_eq!(c.source.as_deref(), Some("AP"));
    assert_eq!(c.body.split("\n\n").count(), 2);
    assert!(!c.body.contains("Europe\n"));
}

const GUARDIAN_LIKE: &str = "\
Skip to main content
News
Opinion
Sport
Culture
Lifestyle
World
Europe
US news
Americas
Asia
Climate crisis
Heatwave pushes Spain's power grid to its limit
Record temperatures led to rolling blackouts across several regions as the grid operator warned of more outages this week
Ana Ruiz in Madrid
Tue 8 Aug 2023 14.02 BST
Share
Madrid's streets were nearly empty at midday on Tuesday as temperatures climbed above 44C for a third day running.
The grid operator said demand had reached a summer record, and asked factories to cut consumption during the afternoon peak.
Firefighters battle a blaze near Valencia. Photograph: Jose Jordan/AFP
Hospitals reported a rise in heat-related admissions, most of them elderly patients.
The government has promised a review of the country's energy planning before next summer.
Explore more on these topics
Spain
Europe
Heatwaves
Share
Reuse this content
Most viewed
Most viewed
World
Europe
US news
";

#[test]
fn guardian_like_page_keeps_only_the_story() {
    let c = clean_text(GUARDIAN_LIKE);
    assert_eq!(
        c.headline.as_deref(),
        Some("Heatwave pushes Spain's power grid to its limit")
    );
    assert!(c.body.starts_with("Madrid's streets were nearly empty"));
    assert!(c.body.ends_with("before next summer."));
    assert!(has(
        &c,
        K::Caption,
        "Firefighters battle a blaze near Valencia. Photograph: Jose Jordan/AFP"
    ));
    assert_eq!(c.body.split("\n\n").count(), 4);
    for menu in ["Opinion", "Most viewed", "Reuse this content", "Heatwaves"] {
        assert!(!c.body.contains(menu), "{menu}");
    }
}

const AP_WIRE: &str = "\
WASHINGTON (AP) — The Senate passed a stopgap spending bill late Thursday, averting a government shutdown hours before the deadline.

The measure now goes to the president, who is expected to sign it.

Associated Press writer Lisa Mascaro contributed to this report.
";

#[test]
fn ap_wire_dateline_names_the_agency() {
    let c = clean_text(AP_WIRE);
    assert_eq!(c.dateline.as_deref(), Some("WASHINGTON (AP)"));
    assert_eq!(c.source.as_deref(), Some("AP"));
    assert!(c.body.starts_with("The Senate passed"));
    // A contributor note is the article's own sentence: it stays.
    assert!(c.body.ends_with("contributed to this report."));
}

const BLOG: &str = "\
My week with a folding bike

I bought a folding bike last month because my commute involves a train, a bus and far too much walking.

The first surprise was how quickly it folds: about ten seconds once you get the knack.

By Friday I was riding the whole way, and I have not looked back since.

Share this:
Twitter
Facebook
Email
Like this:
Like Loading...
Related
";

#[test]
fn blog_with_share_menus() {
    let c = clean_text(BLOG);
    assert_eq!(c.headline.as_deref(), Some("My week with a folding bike"));
    assert_eq!(c.body.split("\n\n").count(), 3);
    assert!(c.body.ends_with("have not looked back since."));
    assert!(has(&c, K::Interface, "Share this:"));
    assert!(!c.body.contains("Loading"));
}

#[test]
fn body_paragraph_first_means_no_headline() {
    let text = "The meeting took place shortly after the minister issued a warning. He also dismissed the proposals.\nTalks resume on Monday, officials said.\n";
    let c = clean_text(text);
    assert_eq!(c.headline, None);
    assert_eq!(c.body.split("\n\n").count(), 2);
}

#[test]
fn subheadings_inside_the_story_stay() {
    let text = "Rescuers reach stranded climbers\n\nRescuers reached the climbers on Sunday after two days of searching the mountain in heavy snow.\n\nOfficials praise “remarkable courage”\n\nThe regional governor thanked the volunteers who joined the search.\n";
    let c = clean_text(text);
    assert_eq!(
        c.headline.as_deref(),
        Some("Rescuers reach stranded climbers")
    );
    assert!(
        c.body
            .contains("\n\nOfficials praise “remarkable courage”\n\n")
    );
}

#[test]
fn sentences_survive_verbatim() {
    let c = clean_text(BULLETED);
    for para in c.body.split("\n\n") {
        assert!(BULLETED.contains(para), "{para}");
    }
}

#[test]
fn empty_and_furniture_only_texts() {
    assert_eq!(clean_text(""), CleanText::default());
    let c = clean_text("Share\nTweet\n");
    assert_eq!(c.body, "");
    assert_eq!(c.furniture.len(), 2);
}

#[test]
fn derived_titles_skip_abbreviations() {
    assert_eq!(
        derive_title("U.S. envoy meets Putin. Talks last hours.", 80),
        "U.S. envoy meets Putin."
    );
    assert_eq!(
        derive_title("One two three four five six.", 14),
        "One two three…"
    );
}

const WIRE: &str = "\
Texas Commerce Bancshares Inc's Texas
Commerce Bank-Houston said it filed an application with the
Comptroller of the Currency to create the largest banking
network in Harris County.
    The bank said the network would link 31 banks having
13.5 billion dlrs in assets.
    Shr 34 cts vs 1.19 dlrs
    Net 807,000 vs 2,858,000
    Assets 510.2 mln vs 479.7 mln
    Deposits 472.3 mln vs 440.3 mln
";

#[test]
fn wire_copy_is_unwrapped_and_kept_whole() {
    let c = clean_text(WIRE);
    assert_eq!(c.headline, None);
    assert!(c.furniture.is_empty(), "{:?}", c.furniture);
    let paragraphs: Vec<&str> = c.body.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 6);
    assert!(
        paragraphs[0]
            .starts_with("Texas Commerce Bancshares Inc's Texas Commerce Bank-Houston said")
    );
    assert_eq!(paragraphs[2], "Shr 34 cts vs 1.19 dlrs");
}

const SOCIAL_PAGE: &str = "\
Harbour tunnel opens two years late
Ines Varga @inesvarga / 2 days
The harbour tunnel opened to traffic on Monday, two years behind schedule and well over its original budget.
Officials said the delays came from flooding during the first winter of digging.
Advertisement
Related: Ferry operators brace for fewer passengers
Sign up for our Harbour Weekly newsletter
Ines Varga
Ines Varga is a transport reporter at the Harbour Gazette, covering roads, rail and ferries.
Follow The Gazette on Twitter and Facebook
© 2024 Harbour Gazette Ltd. All rights reserved.
";

#[test]
fn social_byline_bio_and_site_notices_leave_the_body() {
    let c = clean_text(SOCIAL_PAGE);
    assert_eq!(
        c.headline.as_deref(),
        Some("Harbour tunnel opens two years late")
    );
    assert_eq!(c.author.as_deref(), Some("Ines Varga"));
    assert_eq!(
        c.body,
        "The harbour tunnel opened to traffic on Monday, two years behind schedule and well over its original budget.\n\nOfficials said the delays came from flooding during the first winter of digging."
    );
    assert!(has(&c, K::Byline, "Ines Varga @inesvarga / 2 days"));
    assert!(has(
        &c,
        K::Byline,
        "Ines Varga is a transport reporter at the Harbour Gazette, covering roads, rail and ferries."
    ));
    assert!(has(
        &c,
        K::Teaser,
        "Related: Ferry operators brace for fewer passengers"
    ));
}

#[test]
fn a_story_about_a_reporter_keeps_its_sentences() {
    let text = "\
Reporter freed after week in custody
By Tomas Weir
Ines Varga is a transport reporter at the Harbour Gazette who was detained last week while covering a strike.
She was released on Monday without charge, her editor said.
";
    let c = clean_text(text);
    assert_eq!(c.author.as_deref(), Some("Tomas Weir"));
    assert!(c.body.starts_with("Ines Varga is a transport reporter"));
    assert!(c.body.ends_with("her editor said."));
}
