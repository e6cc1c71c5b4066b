"""Vocabulary of site furniture: the words web pages wrap around an article.

Patterns are matched against a normalised line (lower case, single spaces, bullets and
arrows trimmed). ``WHOLE`` patterns must match the entire line; ``LEADS`` the start of the
line; ``PHRASES`` anywhere, and the caller guards them by line length and address.
"""
from __future__ import annotations

import re

from claimgraph.lexicon import words

_SOCIAL = (
    r"facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|email|e-mail|mail|print|"
    r"copy link|copy|link|flipboard|messenger|threads|bluesky|tumblr|sms|more|share|tweet|"
    r"instagram|youtube|tiktok|rss|mastodon|vk|line|viber|pocket|google\+?"
)
SOCIAL_WORD = re.compile(rf"^(?:{_SOCIAL})$")
SOCIAL_BRAND = re.compile(
    r"^(?:x|facebook|twitter|linkedin|whatsapp|telegram|reddit|pinterest|email|e-mail|flipboard|messenger|"
    r"bluesky|tumblr|instagram|youtube|tiktok|mastodon|pocket|sms)$"
)

WHOLE: dict[str, tuple[str, ...]] = {
    "comment_prompt": (
        r"(?:leave|post|add|write|submit|start) (?:a|your|the) (?:reply|comment|response)",
        r"(?:\d+ )?(?:reader )?comments?(?: \(\d+\))?(?: \d+)?",
        r"(?:show|view|hide|load|read|see|open|jump to|go to) (?:all |the |more )?(?:\d+ )?comments?",
        r"join the (?:conversation|discussion|debate)(?: .{0,40})?",
        r"(?:be the first to|click to|sign in to|log in to|login to) comment",
        r"comments? (?:are|is|have been) (?:closed|disabled|off)",
        r"commenting (?:is )?(?:closed|disabled)",
        r"(?:conversation|discussion)s?|discussion about this (?:post|article|story)",
        r"have your say|what do you think\??|cancel reply|reply|responses?",
    ),
    "newsletter": (
        r"newsletters?|sign up|subscribe(?: now| today| here)?|sign up (?:now|here|today)",
        r".{0,40}\b(?:newsletters?|e-?mails? (?:&|and) alerts|news alerts|email updates)",
        r"(?:sign up|subscribe) (?:for|to) .{0,60}",
        r"get (?:our|the) .{0,40}newsletters?.{0,60}",
        r"enter your email(?: address)?|email address|your email",
        r"(?:sign in|log in|login|register|create (?:a free |an )?account)",
        r"(?:become a (?:member|subscriber|supporter|patron)|support (?:us|our journalism)|donate(?: now)?)",
        r"already (?:a subscriber|have an account)\??.{0,30}",
        r"(?:only |just |then )?[$£€]\s?[\d.,]+ (?:for (?:\d+|the first|your first) \w+|(?:per|a|/) ?(?:week|month|year|mo|yr))\b.{0,40}",
        r"(?:for )?(?:subscribers?|members?)[- ]only(?: (?:content|article|story))?|subscriber exclusive",
    ),
    "share_tags": (
        r"share(?: this)?(?: article| story| post| page| on)?|like this|%?d? ?bloggers like this",
        r"(?:share|comment on|email|print|save)(?: or (?:share|comment on|email|print|save))*(?: on)? this (?:article|story|post|page)",
        r"share (?:on|via|to) .{1,30}|(?:click|tap) (?:here )?to share.{0,40}",
        r"(?:topics|explore (?:more )?(?:on )?(?:these|this|related) topics?|copy (?:the |article |story |page )?link|"
        r"link copied|copy link copied)",
        r"(?:\d[\d.,]*[km]? )?(?:likes?|restacks?|reposts?|retweets?|followers|claps)|follow",
        r"follow us(?: on .{1,40})?|(?:posted|filed) (?:in|under) .{1,60}|connect with us|stay connected",
        r"follow (?:@\S{1,30}|\w+ on (?:twitter|x|facebook|instagram|telegram|linkedin|threads|bluesky|youtube|tiktok))",
        r"(?:tags?|topics?|filed under|categories|category|keywords|posted in|more about|suggested topics|related topics)"
        r"(?: ?:.{0,200})?",
    ),
    "edit_link": (
        r"edit(?: this)?(?: post| page| article| story| entry)?",
        r"report (?:a|an) (?:correction|error|typo|issue)|suggest a correction|corrections? policy",
        r"send us (?:your )?(?:feedback|a tip|tips|a correction)|(?:submit|send) (?:a |us a |your )?(?:news )?tips?|"
        r"(?:got|have) a (?:news )?tip\??|contact (?:the|our) (?:newsroom|editors?|news ?desk)",
    ),
    "byline": (
        r"about (?:the )?(?:authors?|writers?|contributors?|reporters?)",
        r"(?:media|press|investor|news) (?:contacts?|enquiries|inquiries)|for (?:media|press) (?:enquiries|inquiries)",
    ),
    "reader_tool": (
        r"this (?:audio|article|summary|content) (?:is|was) (?:created|generated|produced|read|narrated) .{0,60}",
        r"listen(?: to)?(?: this| the)?(?: article| story| now)?(?: \d+ min(?:ute)?s?)?(?: \d+:\d+)?",
        r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)(?:-| )min(?:ute)?s?\.? (?:read|listen|watch)",
        r"(?:estimated )?reading time:? .{0,20}",
        r"listen to (?:this|the) (?:article|story)\W{0,3}\(?\d+ min(?:ute)?s?\)?",
        r"live (?:updates|blog|coverage)\W.{0,80}",
        r"(?:long ?read|long-read|feature|in depth|deep dive|explainer)\W{0,3}\d+ min(?:ute)?s?(?: read)?",
        r"(?:listen|watch) live\W.{0,60}",
        r"print(?: this)?(?: article| page| story)?|font size|text size|a\+? ?a-?|zoom|translate",
        r"save(?: article| story| for later)?|saved|bookmark|gift(?: this)? article",
        r"(?:download|view) (?:the )?(?:pdf|app)|get the app|open in app|play|pause|audio|video|watch|"
        r"listen|expand|close|menu|search|skip to (?:main )?content|back to top|loading\.*",
        r"(?:please )?(?:turn on|enable|activate) javascript.{0,80}",
        r"(?:show|hide) (?:key events|all (?:posts|updates)|summary|more|less)(?: only)?",
        r"(?:add|save) to (?:my ?\w{0,12}|(?:your |my )?(?:reading )?list|favou?rites|bookmarks|saved(?: articles| stories)?)",
        r"(?:(?:lire|leer|lesen|leggi|ler|read)(?: (?:this|the) (?:article|story))? )?(?:en|in|auf|em) "
        r"(?:français|francais|english|español|espanol|deutsch|italiano|português|portugues)(?: lesen)?",
        r"click (?:here )?to (?:enlarge|expand|play)|image \d+ of \d+|\d+ ?/ ?\d+",
        r"\d{1,2}:\d{2}(?::\d{2})?",
    ),
    "read_more": (
        r"(?:read|see|watch|view) (?:more|also|next|full story|the full story)",
        r"related(?: articles| stories| content| coverage| reading| news| posts| links| topics)?",
        r"recommended(?: for you| reading| stories| articles| videos| (?:from|by|on) [^.,:;\d]{1,30})?|(?:more|top|latest) (?:stories|news|videos|headlines)",
        r"(?:you|we think you) (?:may|might|will) (?:also )?(?:like|enjoy|be interested in).{0,20}",
        r"most (?:read|popular|viewed|shared|commented|watched)(?: .{0,30})?|trending(?: now| stories)?|popular(?: now)?",
        r"(?:previous|next|older|newer) (?:article|post|story|entry)s?|most recent|latest(?: news| stories)?|just in",
        r"more (?:from|on|in|about) .{1,40}|more by [^.,;:!?]{1,40}|further reading|editor'?s? picks?|don'?t miss|must reads?|in case you missed it",
        r"visit .{1,50}(?:homepage|home page|website|site) for more(?: stories| news)?",
        r"for (?:the )?(?:latest|more) (?:news|updates|stories|coverage|headlines)\b.{0,80}"
        r"(?:head to|visit|go to|follow|download|subscribe|sign up)\b.{0,60}",
        r"also (?:read|see|watch)|what to read next|keep reading|continue reading|up next|more (?:at|here|info|details)",
    ),
    "advertisement": (
        r"advertisements?|advertising|ads?|paid|sponsored(?: content| post| stories| links)?|promoted(?: content| stories)?",
        r"(?:video )?ad feedback|paid (?:content|post|partner content|promotion)|partner content|ads? by .{1,30}|report this ad|skip ad",
        r"(?:story|article) continues (?:below|after).{0,30}|continue reading (?:below|the main story)",
        r"scroll (?:down )?to (?:continue|read more|keep reading).{0,20}",
    ),
    "credit": (
        r"(?:getty images|shutterstock|reuters|afp|ap|epa|associated press|istock|alamy)",
        r"purchase licensing rights|licensing rights",
    ),
    "copyright": (
        r"(?:terms(?: of (?:use|service)| (?:and|&) conditions)?|privacy(?: policy| notice| statement)?|"
        r"cookie(?:s| settings| policy| preferences)|about us|contact(?: us)?|accessibility|sitemap|careers|"
        r"advertise with us)(?: ?[|·•] ?.{1,40})*",
        # a consent banner's buttons and heading
        r"(?:accept|reject|decline|refuse|allow|deny)(?: all)?(?: cookies)?|(?:accept|agree)(?: and| &) (?:close|continue)|"
        r"manage (?:preferences|cookies|options|settings|consent|my choices)|(?:privacy|consent) (?:settings|preferences|choices)|"
        r"we (?:value|care about) your privacy|do not sell(?: or share)? my personal information",
        r"reuse this (?:content|article)|reprints?(?: (?:&|and) permissions)?|licensing",
    ),
}

LEADS: dict[str, tuple[str, ...]] = {
    "read_more": (
        r"(?:read|see|watch|view) (?:more|also|next)\b ?[:|>»\-–—]",
        r"(?:previous|next|prev|older|newer) (?:story|article|post)\b ?[:|>»\-–—]",
        r"related(?: articles| stories| content| coverage| reading| news)? ?[:|>»\-–—]",
        r"related (?:article|story|video|link|coverage|content)s? (?=\S)",
        r"(?:recommended|more from|more on|also read|must read|don'?t miss|watch|listen|trending|popular) ?[:|»]",
    ),
    "caption": (
        r"(?:file photo|photo|photograph|image|picture|pic|pictured|above|top|main image|video|illustration) ?[:|]",
        r"\((?:file photo|photo|photograph|image|picture|pic)s?(?: by| credit| courtesy)?\b[^()]{0,100}\)",
        r"in this (?:\w+ ){0,3}(?:photo|photograph|image|picture|handout|video|screen ?grab|still)\b",
        r"(?:this|a) (?:\w+ ){0,3}(?:photo|photograph|image|picture|handout|screen ?grab|video still)"
        r" (?:taken|released|provided|distributed|obtained|shows|showing|made available)\b",
    ),
    "credit": (
        r"(?:photo|photograph|image|picture|pic|video|graphic|illustration|map|chart)s?(?: credit)? ?(?:by|:|courtesy|/)",
        r"(?:credit|credits|source|courtesy)s? ?[:|]",
        r"(?:photo|image|picture)s? courtesy\b",
    ),
    "copyright": (
        r"(?:©|\(c\) ?\d{4}|copyright ?(?:©|\(c\)|\d{4}))",
        r"all rights reserved",
    ),
    "edit_link": (r"edit (?:post|page|article)\b",),
    "byline": (
        r"(?:(?:media|press|investor|news) )?(?:contacts?|enquiries|inquiries) ?:",
        # "Reach the reporter at name@site.com or 555-0100. Follow her on X at @handle."
        r"(?:contact|reach|email|e-mail|write to|follow|call)\b.{0,120}"
        r"(?:[\w.+-]+@[\w-]+\.\w|@\w{2,}|\d{3}[.-]\d{3}[.-]\d{4})",
    ),
    "reader_tool": (r"(?:download|get|install|open) (?:the |our )?(?:[\w-]+ ){0,4}app\b",),
}

PHRASES: dict[str, tuple[str, ...]] = {
    "comment_prompt": (
        r"your email address will not be published",
        r"required fields are marked",
        r"you must be (?:logged|signed) in to (?:post a )?comment",
        r"(?:log|sign) in to (?:leave a |post a )?comment",
        r"save my name,? email",
        r"notify me of (?:new|follow-up) (?:comments|posts)",
        r"uses akismet to reduce spam",
        r"comments (?:are|have been) (?:closed|disabled|turned off)",
        r"(?:commenting|community) (?:guidelines|policy|rules)",
        r"\b(?:do you have|have you got|got) (?:a|any) (?:story|news tip|tip|photos?|videos?)\b.{0,40}"
        r"\b(?:email|contact|send|get in touch)",
        r"^(?:do you have|have you got|got) (?:any )?(?:information|a story|news|a tip|tips)\b.{0,80}"
        r"\b(?:contact (?:us|our)|email us|send us|get in touch|whatsapp us|our newsroom|tips@)",
        r"^what do you think\?? .{0,40}\b(?:comment|let us know|tell us)\b",
        r"^send us your (?:news|stories|story|photos|videos|tips)\b",
    ),
    "newsletter": (
        r"follow (?:us|our \w+(?: \w+){0,3} (?:channel|page|account|feed))",
        r"thanks? (?:you )?for (?:signing up|subscribing|registering)",
        r"sent you (?:a|an) (?:confirmation|verification) (?:email|e-mail|link)",
        r"confirm your (?:subscription|email)",
        r"(?:delivered|sent) (?:straight |directly |right )?to your inbox",
        r"(?:subscribe|sign up|register)(?: here| now| today)? (?:to|for) (?:our|the|my) (?:\w+ ){0,4}"
        r"(?:newsletters?|briefings?|digest|emails?|alerts?)",
        r"\b(?:subscribe|sign up) for free\b|^thanks? (?:you )?for reading(?: [^,;]{0,40})?(?:!|$)|\breceive new posts\b",
        r"\b(?:try|enjoy) (?:unlimited|full|complete|premium) (?:digital )?access\b|\bget unlimited (?:digital )?access\b",
        r"\bcomplete digital access\b|\bcancel (?:at )?any ?time during (?:your|the) (?:free )?trial\b",
        r"\b(?:explore|see|view|compare) (?:our|all)(?: \w+){0,3} (?:subscriptions?|subscription (?:plans|options)|offers)\b",
        r"by (?:signing up|subscribing|registering|clicking)[^.]{0,40}you agree",
        r"unsubscribe at any time",
        r"(?:in|to|into) your inbox",
        r"^follow .{1,60} on (?:facebook|twitter|x|instagram|linkedin|telegram|youtube|tiktok|threads|bluesky)\b",
        r"(?:support|fund) (?:our|independent) (?:journalism|reporting)",
        r"become a (?:member|subscriber|supporter|patron)\b",
        r"unlock (?:this|the full|the rest of this) (?:story|article)",
        r"(?:subscribe|sign in|log in|register) to (?:continue|keep) reading",
        r"\byou have \d+ free (?:articles?|stories|reads?) (?:left|remaining)\b",
        r"\bsubscribe (?:from|for (?:just|only)?) ?[$€£]?\s?\d",
        r"^(?:please )?(?:donate|give|contribute) (?:to|now|today)\b.{0,60}\b(?:journalism|reporting|newsroom|work)\b",
    ),
    "share_tags": (r"\bby sharing this (?:article|story|post|page)$",),
    "byline": (
        r"contributed (?:reporting )?to this (?:report|story|article)",
        r"^\(?with inputs from .{1,40}\)?$",
        r"^(?:contact|email|reach|follow|message) (?:him|her|them|the (?:author|writer|reporter)) (?:at|on|via) "
        r"\S*(?:@|twitter|x\b|linkedin|bluesky|threads|instagram)|\bcan be reached at \S+@",
        r"^(?:some )?(?:information|material|reporting) (?:for|in) this (?:story|article|report) (?:was )?"
        r"(?:provided|contributed|supplied) by",
    ),
    "syndication_notice": (
        r"we support our publishers",
        r"view this (?:story|article|post) on (?:their|the original|the publisher'?s?) (?:web)?site",
        r"(?:this|the) (?:article|story|post|piece|report|content|column) (?:was )?(?:originally|first) "
        r"(?:appeared|published|posted|ran) (?:on|in|at|by)\b",
        r"originally (?:appeared|published|posted) (?:on|in|at|by) ",
        r"^the post .{5,300} appeared first on ",
        r"(?:republished|reprinted|reproduced|shared) (?:here )?(?:with|by) (?:kind )?permission",
        r"(?:is|was) republished (?:from|under|with)",
        r"under a creative commons licen[cs]e",
        r"click here to (?:read|view|see) (?:the )?(?:full|original|rest|complete)",
        r"(?:read|view) the (?:full |original )(?:article|story|post)",
        r"distributed by (?:tribune content agency|the conversation|\w+ syndicat)",
        r"(?:syndicated|provided|supplied) (?:by|via|from) .{1,40} (?:content )?(?:partners?|syndication|agency)",
        r"auto-?generated from a syndicated feed|(?:has|have) not been edited by .{1,40} staff",
        r"(?:published|generated) from (?:a |an )?(?:wire|news|syndicated) (?:agency )?feed\b",
        r"^this (?:article|story) (?:appears|appeared|was published) in (?:the |our )?.{0,30}\b(?:print|weekend|sunday|daily) edition",
    ),
    "copyright": (
        r"all rights reserved",
        r"©\s?(?:\d{4}|[a-z])|\(c\) \d{4}\b",
        r"^[\w .&'-]{2,40} is published by [\w .&'-]{2,60}\b(?:ltd|limited|inc|llc|plc|gmbh|media|group|company)\b"
        r"(?:\.?\s*(?:©.*)?)$",
        r"may not be (?:published|reproduced|republished), broadcast",
        r"\b(?:constitutes|signifies) (?:acceptance|agreement) (?:of|to|with)\b.{0,80}\b(?:terms|privacy|user agreement)",
        r"(?:trust principles|editorial standards|our standards):?",
    ),
    "read_more": (
        r"^for (?:the )?(?:latest|more) (?:news|updates|stories|coverage|headlines)\b.{0,80}"
        r"\b(?:head to|visit|go to|follow|download|subscribe|sign up)\b",
    ),
    "reader_tool": (
        r"this (?:audio|summary|article|content) (?:is|was) (?:created|generated|produced) (?:with|by|using) (?:ai|artificial)",
        r"please refresh (?:the page )?for (?:the )?(?:latest|updates)",
        r"^this (?:article|story|content) is (?:more than|over) (?:a|an|one|two|\w+) (?:years?|months?) old",
    ),
}

# photo credits at the end of a caption: "(Photo by X/AFP via Getty Images)", "REUTERS/Name"
CREDIT_TAIL = re.compile(
    r"(?:\((?i:[^()]{0,120}?\b(?:photos?|photograph|image|picture|pic|credit|courtesy|illustration|handout|"
    r"getty|ap photo|shutterstock)\b[^()]{0,120})\)"
    r"|\([^()]{0,60}\w/(?:AFP|AP|EPA|Reuters|REUTERS|Getty)\b[^()]{0,60}\)"
    r"|\((?:[A-Z][\w.'-]*\s?){1,4}\s?/\s?(?:[A-Z][\w.'-]*\s?){1,5}\)"
    r"|(?:^|[.|]\s*|\s{2,})(?i:photo|photograph|image|credit|picture)s?(?: by)? ?[:|] ?[A-Z][^.]{1,80}"
    r"|\b(?:REUTERS|AFP|EPA|AP|Getty Images)/[\w .'/-]{2,60}"
    r"|\b\w{1,40}/(?:AFP|AP|EPA|Reuters|REUTERS|Getty Images|Shutterstock)(?: via [\w ]{1,40})?"
    r"|(?i:via getty images|getty images|shutterstock))"
    r"[\s.)]*$"
)

# words that say a byline part is an office, not a person
ROLE_WORDS = frozenset(
    "staff writer writers reporter reporters correspondent correspondents editor editors senior chief "
    "contributing contributor columnist associate special deputy managing political foreign defense "
    "defence security national international business investigative desk news wire producer analyst "
    "team journalist journalists freelance guest beat economics economy energy health science technology tech "
    "climate environment education politics sports sport transport diplomatic legal crime arts culture media "
    "markets finance europe asia africa americas world affairs".split()
)

# words that say a byline part is an organisation
ORG_WORDS = re.compile(
    r"\b(?:news|press|times|post|agency|journal|herald|tribune|telegraph|guardian|independent|"
    r"reuters|afp|bloomberg|wire|media|daily|gazette|network|broadcasting|radio|tv|television|"
    r"magazine|observer|review|chronicle|courier|express|mail|star|sun|bbc|cnn|nbc|cbs|abc|npr|"
    r"associated|institute|foundation)\b",
    re.IGNORECASE,
)

# words that fill a date line besides the date itself
DATE_FILLERS = frozenset(
    "published updated posted last modified created first on at am pm a.m. p.m. est edt cst cdt pst pdt "
    "gmt utc bst cet cest eet eest msk kst jst ist aest et pt ct mt z local time date | · • - – — , : "
    "min read mins minutes ago hour hours day days week weeks month months just now today yesterday "
    "reading an a".split()
) | words("weekdays") | words("weekday_abbreviations")

# news agencies, as they sign datelines ("KYIV, Dec 3 (Reuters) -") and sign-offs ("--IANS")
AGENCIES = r"Reuters|AP|AFP|Bloomberg|UPI|dpa|Xinhua|TASS|Yonhap|Kyodo|IANS|PTI|ANI|EFE|ANSA|UNI|KNA|APA|Anadolu|Bernama"

# a site's cookie notice, which can run to a paragraph
CONSENT = re.compile(
    r"\bwhen you (?:tweet|post) with a location\b"  # an embedded post's own privacy notice
    r"|\b(?:we|this (?:web)?site)(?: and our (?:\d+ )?(?:partners|vendors))? (?:use|uses|store|set) cookies\b"
    r"|\bcookies? and similar technologies\b"
    r"|\bby (?:clicking|continuing|using)\b[^.]{0,80}\byou (?:agree|consent|accept)\b[^.]{0,40}\bcookies\b",
    re.IGNORECASE,
)

SECOND_PERSON = re.compile(r"\b(?:you|your|you're|you've|you'll|yours)\b", re.IGNORECASE)


def compile_all(table: dict[str, tuple[str, ...]], mode: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Compile a vocabulary table, one pattern per kind; ``mode`` is ``whole``, ``lead`` or ``phrase``."""
    out: list[tuple[str, re.Pattern[str]]] = []
    for kind, patterns in table.items():
        pattern = "|".join(f"(?:{p})" for p in patterns)
        out.append((kind, re.compile(rf"^(?:{pattern})" if mode == "lead" else pattern, re.IGNORECASE)))
    return tuple(out)


WHOLE_PATTERNS = compile_all(WHOLE, "whole")
LEAD_PATTERNS = compile_all(LEADS, "lead")
PHRASE_PATTERNS = compile_all(PHRASES, "phrase")
SYNDICATION = next(p for kind, p in PHRASE_PATTERNS if kind == "syndication_notice")
