"""The IPS Supported Employment Fidelity Scale (IPS-25) as data.

Becker, Swanson, Bond & Lutz (2008), Supported Employment Fidelity Scale, Dartmouth Psychiatric
Research Center; revised 2019 (Becker, Swanson, Reese, Bond & McLeman). 25 items in three sections,
each rated 1-5; the total (25-125) falls in one of four bands.

The names and anchors are short plain-language renderings in Swedish (the terms the Swedish IPS
field uses: arbetsspecialist, programtrohet, den öppna arbetsmarknaden) and English, for the
reviewer's hand; the reviewers work from the full manual. A project that holds the official
wording loads it as a new version of the scale (`stegvis load_fidelity_scale FILE.json`), in the
same shape as this dictionary.
"""

from __future__ import annotations


def _count_anchors(total_sv: str, total_en: str) -> tuple[list[str], list[str]]:
    """Anchors of an item rated by how many of its five elements are in place."""
    sv = [
        f"Högst ett av de fem momenten finns ({total_sv}).",
        "Två av momenten finns.",
        "Tre av momenten finns.",
        "Fyra av momenten finns.",
        "Alla fem momenten finns.",
    ]
    en = [
        f"One or none of the five elements is present ({total_en}).",
        "Two elements are present.",
        "Three elements are present.",
        "Four elements are present.",
        "All five elements are present.",
    ]
    return sv, en


def _item(
    code: str,
    name_sv: str,
    name_en: str,
    text_sv: str,
    text_en: str,
    anchors: tuple[list[str], list[str]],
    routine: str = "",
) -> dict:
    return {
        "code": code,
        "name_sv": name_sv,
        "name_en": name_en,
        "text_sv": text_sv,
        "text_en": text_en,
        "anchors_sv": anchors[0],
        "anchors_en": anchors[1],
        "routine": routine,
    }


def _percent_anchors(
    what_sv: str, what_en: str, limits: tuple[str, str, str, str, str]
) -> tuple[list[str], list[str]]:
    return (
        [f"{what_sv}: {limit}." for limit in limits],
        [f"{what_en}: {limit}." for limit in limits],
    )


STAFFING = [
    _item(
        "1",
        "Antal deltagare per arbetsspecialist",
        "Caseload size",
        "Varje arbetsspecialist har högst 20 deltagare.",
        "Employment specialists have individual caseloads of 20 or fewer clients.",
        (
            [
                "81 deltagare eller fler per arbetsspecialist.",
                "61–80 deltagare.",
                "41–60 deltagare.",
                "21–40 deltagare.",
                "20 deltagare eller färre.",
            ],
            [
                "81 or more clients per employment specialist.",
                "61–80 clients.",
                "41–60 clients.",
                "21–40 clients.",
                "20 or fewer clients.",
            ],
        ),
        routine="caseload",
    ),  # fmt: skip
    _item(
        "2",
        "Arbetsspecialisterna arbetar bara med arbetsinriktat stöd",
        "Employment services staff",
        "Arbetsspecialisterna ger bara stöd till arbete; de har inga andra uppgifter, som "
        "behandling eller boendestöd.",
        "Employment specialists provide only employment services.",
        _percent_anchors(
            "Andel av arbetstiden med arbetsinriktat stöd",
            "Share of working time on employment services",
            ("under 60 %", "60–74 %", "75–89 %", "90–95 %", "96 % eller mer"),
        ),
    ),
    _item(
        "3",
        "Arbetsspecialisten ger stöd i alla faser",
        "Vocational generalists",
        "Varje arbetsspecialist följer deltagaren genom alla faser: första kontakt, "
        "kartläggning, jobbsökning, arbetsgivarkontakt, stöd på jobbet och uppföljning.",
        "Each employment specialist carries out all phases of employment service: engagement, "
        "assessment, job placement, job coaching and follow-along supports.",
        (
            [
                "Arbetsspecialisten remitterar bara vidare till andra aktörer.",
                "Arbetsspecialisten har egna deltagare men lämnar över jobbsökningen till andra.",
                "Arbetsspecialisten ger stöd i två–tre av faserna.",
                "Arbetsspecialisten ger stöd i fyra av faserna.",
                "Arbetsspecialisten ger stöd i alla faser.",
            ],
            [
                "The specialist only refers clients to other vendors.",
                "The specialist keeps a caseload but refers clients elsewhere for job placement.",
                "The specialist provides two or three of the phases.",
                "The specialist provides four of the phases.",
                "The specialist carries out all phases.",
            ],
        ),
    ),  # fmt: skip
]

ORGANISATION = [
    _item(
        "4",
        "Integrering med psykiatrisk behandling genom teamtillhörighet",
        "Integration of rehabilitation with mental health treatment through team assignment",
        "Arbetsspecialisten hör till ett eller två behandlingsteam, och nästan alla hens "
        "deltagare kommer från dem.",
        "Employment specialists are part of up to two mental health treatment teams from which "
        "at least 90% of their caseload comes.",
        (
            [
                "Arbetsspecialisten hör inte till något behandlingsteam.",
                "Arbetsspecialisten hör till tre team eller fler.",
                "Ett eller två team, men under hälften av deltagarna kommer från dem.",
                "Ett eller två team; 50–89 % av deltagarna kommer från dem.",
                "Ett eller två team; minst 90 % av deltagarna kommer från dem.",
            ],
            [
                "The specialist is not assigned to a treatment team.",
                "The specialist is attached to three or more teams.",
                "One or two teams, but less than half of the caseload comes from them.",
                "One or two teams; 50–89% of the caseload comes from them.",
                "One or two teams; at least 90% of the caseload comes from them.",
            ],
        ),
    ),  # fmt: skip
    _item(
        "5",
        "Integrering genom täta kontakter med behandlingsteamet",
        "Integration of rehabilitation with mental health treatment through frequent team member "
        "contact",
        "Fem moment: arbetsspecialisten är med på teamets möten varje vecka; deltar aktivt i "
        "besluten; journalen är gemensam; hjälper teamet att tänka på arbete för alla; sitter "
        "nära teamet.",
        "Five elements: the specialist attends weekly team meetings; takes part in shared "
        "decisions; records are integrated; helps the team think about work for everyone; has "
        "an office near the team.",
        _count_anchors("täta teamkontakter", "frequent team contact"),
    ),
    _item(
        "6",
        "Samverkan med Arbetsförmedlingen och Försäkringskassan",
        "Collaboration between employment specialists and vocational rehabilitation counselors",
        "Arbetsspecialisterna och handläggarna på Arbetsförmedlingen och Försäkringskassan "
        "träffas regelbundet och har täta kontakter om deltagarna.",
        "Employment specialists and the counselors of the vocational rehabilitation agencies "
        "(in Sweden Arbetsförmedlingen and Försäkringskassan) meet regularly and are in frequent "
        "contact about shared clients.",
        (
            [
                "Kontakt om deltagare mer sällan än varje kvartal, eller ingen.",
                "Kontakt om deltagare ungefär varje kvartal.",
                "Kontakt om deltagare varje månad, men inga planerade möten.",
                "Planerade möten varannan månad och kontakt om deltagare varje månad.",
                "Planerade möten minst varje månad och kontakt om deltagare varje vecka.",
            ],
            [
                "Client-related contact less than quarterly, or none.",
                "Client-related contact about quarterly.",
                "Client-related contact monthly, but no scheduled meetings.",
                "Scheduled meetings every other month and monthly client-related contact.",
                "Scheduled meetings at least monthly and weekly client-related contact.",
            ],
        ),
    ),  # fmt: skip
    _item(
        "7",
        "Arbetsspecialisterna är en egen enhet",
        "Vocational unit",
        "Minst två arbetsspecialister och en ledare bildar en enhet med handledning i grupp "
        "varje vecka och täcker upp för varandra.",
        "At least two full-time employment specialists and a team leader form a unit with weekly "
        "client-based group supervision, and cover each other's caseloads.",
        (
            [
                "Arbetsspecialisterna är inte en enhet.",
                "Minst två arbetsspecialister, men ingen handledning i grupp.",
                "Minst två arbetsspecialister med handledning i grupp mer sällan än varje vecka.",
                "Minst två arbetsspecialister med handledning i grupp varje vecka.",
                "En enhet med ledare, handledning i grupp varje vecka och gemensamt ansvar för "
                "deltagarna.",
            ],
            [
                "Specialists are not part of a vocational unit.",
                "At least two specialists, but no group supervision.",
                "At least two specialists with group supervision less than weekly.",
                "At least two specialists with weekly group supervision.",
                "A unit with a leader, weekly client-based group supervision and shared caseloads.",
            ],
        ),
    ),  # fmt: skip
    _item(
        "8",
        "Arbetsledarens roll",
        "Role of employment supervisor",
        "Fem moment: leder högst tio arbetsspecialister och inget annat; handleder varje vecka "
        "utifrån deltagarna; samverkar med behandlingsteamens ledare; följer med ut till "
        "arbetsgivare; följer resultaten och sätter mål med varje arbetsspecialist.",
        "Five elements: supervises no more than ten specialists and no other services; weekly "
        "client-based supervision; communicates with treatment team leaders; accompanies "
        "specialists on job development; reviews outcomes and sets goals with each specialist.",
        _count_anchors("arbetsledarens roll", "supervisor role"),
    ),
    _item(
        "9",
        "Inga uteslutningskriterier",
        "Zero exclusion criteria",
        "Alla som vill arbeta får stöd, oavsett diagnos, missbruk, symtom, tidigare arbete "
        "eller hur redo de bedöms vara.",
        "All clients interested in working have access to supported employment, regardless of "
        "job readiness, substance use, symptoms, history or other factors.",
        (
            [
                "Deltagare sorteras bort på flera sätt och av flera aktörer.",
                "Deltagare sorteras bort av teamet eller av en aktör.",
                "Inga formella kriterier, men bara de som bedöms redo remitteras.",
                "Alla som vill får tillgång, men remisser uppmuntras inte aktivt.",
                "Alla som vill arbeta får tillgång; remisser uppmuntras och kommer från många håll.",
            ],
            [
                "Clients are screened out in several ways, by several parties.",
                "Clients are screened out by the team or by one party.",
                "No formal criteria, but only those judged ready are referred.",
                "Everyone interested has access, but referrals are not actively encouraged.",
                "Everyone who wants to work has access; referrals are encouraged from many sources.",
            ],
        ),
    ),  # fmt: skip
    _item(
        "10",
        "Verksamhetens fokus på arbete på den öppna arbetsmarknaden",
        "Agency focus on competitive employment",
        "Fem moment: frågar alla om arbete vid inskrivningen; arbete finns med i planen; "
        "berättelser om arbete syns i verksamheten; deltagare som arbetar får dela sina "
        "erfarenheter; andelen i arbete mäts och delas med ledningen.",
        "Five elements: asks everyone about work at intake; work is part of the care plan; "
        "success stories are displayed; working clients share their experience; the share in "
        "competitive work is measured and shared with leadership.",
        _count_anchors("fokus på arbete", "employment focus"),
    ),
    _item(
        "11",
        "Ledningens stöd för IPS",
        "Executive team support for SE",
        "Fem moment: ledningen kan IPS principer; programtroheten följs i kvalitetsarbetet; "
        "en styrgrupp med Arbetsförmedlingen och Försäkringskassan följer arbetet; ledningen "
        "talar om målen; arbetsledaren är med i ledningens möten.",
        "Five elements: executives know the principles of evidence-based SE; fidelity is part "
        "of quality assurance; a steering committee with the vocational rehabilitation agencies "
        "meets; leadership communicates the goals; the SE supervisor takes part in management "
        "meetings.",
        _count_anchors("ledningens stöd", "executive support"),
    ),
]

SERVICES = [
    _item(
        "12",
        "Ekonomisk rådgivning",
        "Work incentives planning",
        "Alla deltagare får, innan de börjar ett nytt jobb, individuell rådgivning om hur lön "
        "påverkar ersättningar och bidrag.",
        "All clients are offered comprehensive, individualised work incentives (benefits) "
        "planning before starting a new job.",
        (
            [
                "Ingen hjälp med frågor om ersättningar och bidrag.",
                "Arbetsspecialisten hänvisar till någon annan.",
                "Rådgivning erbjuds en del deltagare.",
                "Rådgivning erbjuds de flesta, men inte alltid före ett nytt jobb.",
                "Alla erbjuds individuell rådgivning av någon med utbildning för det, före ett nytt "
                "jobb.",
            ],
            [
                "No help with benefits questions.",
                "The specialist refers clients elsewhere.",
                "Planning is offered to some clients.",
                "Planning is offered to most, but not always before a new job.",
                "Everyone is offered individual planning by a trained person before a new job.",
            ],
        ),
    ),  # fmt: skip
    _item(
        "13",
        "Att berätta om sin ohälsa för arbetsgivaren",
        "Disclosure",
        "Fem moment: ingen måste berätta; inget berättas utan lov; för- och nackdelar gås "
        "igenom innan kontakt med arbetsgivare; med konkreta exempel; frågan tas upp mer än en "
        "gång.",
        "Five elements: nobody is required to disclose; nothing is disclosed without permission; "
        "pros and cons are discussed before employer contact; with concrete examples; the "
        "question is revisited more than once.",
        _count_anchors("att berätta", "disclosure"),
    ),
    _item(
        "14",
        "Fortlöpande kartläggning i arbete",
        "Ongoing, work-based vocational assessment",
        "Kartläggningen sker fortlöpande och bygger på erfarenheter från riktiga jobb, inte på "
        "tester och arbetsträning före jobbet.",
        "Assessment is ongoing and based on experiences in competitive jobs, not on tests or "
        "prevocational work before a job.",
        (
            [
                "Kartläggning med tester och arbetsprov innan jobbsökningen börjar.",
                "Det mesta av kartläggningen sker före jobbet, i skyddad miljö.",
                "En blandning av kartläggning före jobbet och i arbete.",
                "Kartläggningen sker mest i arbete, med viss kartläggning före.",
                "Kartläggningen är fortlöpande, bygger på varje jobb och uppdateras efter det.",
            ],
            [
                "Assessment by tests and work samples before the job search starts.",
                "Most assessment happens before a job, in sheltered settings.",
                "A mix of pre-job and work-based assessment.",
                "Assessment mostly work-based, with some before the job.",
                "Assessment is ongoing, based on each job and updated after it.",
            ],
        ),
    ),  # fmt: skip
    _item(
        "15",
        "Snabb jobbsökning",
        "Rapid search for competitive job",
        "Första personliga kontakten med en arbetsgivare sker i genomsnitt inom 30 dagar "
        "(en månad) från starten.",
        "The first face-to-face contact with an employer takes place on average within 30 days "
        "(one month) of programme entry.",
        _percent_anchors(
            "Dagar till första arbetsgivarkontakten",
            "Days to the first employer contact",
            ("271 eller fler", "151–270", "61–150", "31–60", "30 eller färre"),
        ),
        routine="first_contact",
    ),
    _item(
        "16",
        "Individuellt anpassad jobbsökning",
        "Individualized job search",
        "Arbetsgivarkontakterna utgår från deltagarens önskemål, styrkor, erfarenheter och "
        "hälsa, inte från vilka jobb som finns.",
        "Employer contacts are based on the client's preferences, strengths, experience and "
        "health, rather than on the job market.",
        _percent_anchors(
            "Andel arbetsgivarkontakter som utgår från deltagarens önskemål",
            "Share of employer contacts based on the client's preferences",
            ("under 25 %", "25–49 %", "50–74 %", "75–89 %", "90 % eller mer"),
        ),
    ),
    _item(
        "17",
        "Arbetsgivarkontakter: hur ofta",
        "Job development—frequent employer contact",
        "Varje arbetsspecialist träffar arbetsgivare minst sex gånger i veckan och följer "
        "kontakterna varje vecka.",
        "Each employment specialist makes at least six face-to-face employer contacts per week, "
        "tracked weekly.",
        _percent_anchors(
            "Personliga arbetsgivarkontakter per arbetsspecialist och vecka",
            "Face-to-face employer contacts per specialist per week",
            ("färre än 2", "2–3", "4", "5", "6 eller fler"),
        ),
        routine="employer_contacts",
    ),
    _item(
        "18",
        "Arbetsgivarkontakter: kvalitet",
        "Job development—quality of employer contact",
        "Arbetsspecialisten bygger relationer med arbetsgivare genom flera planerade besök: "
        "lär sig deras behov, berättar vad IPS erbjuder och vad deltagaren kan.",
        "The specialist builds relationships with employers through several planned visits: "
        "learning their needs, explaining what IPS offers and the client's strengths.",
        (
            [
                "Arbetsspecialisten träffar arbetsgivare bara för att hjälpa en deltagare.",
                "Arbetsspecialisten ringer om lediga jobb och ger tips till deltagarna.",
                "Arbetsspecialisten följer upp annonser och presenterar sig själv.",
                "Arbetsspecialisten bygger relationer genom flera besök.",
                "Flera planerade besök för att lära sig arbetsgivarens behov och matcha deltagarnas "
                "styrkor.",
            ],
            [
                "The specialist meets employers only when helping one client.",
                "The specialist calls about openings and passes leads on.",
                "The specialist follows up adverts and introduces themselves.",
                "The specialist builds relationships through several visits.",
                "Several planned visits to learn the employer's needs and match clients' strengths.",
            ],
        ),
    ),  # fmt: skip
    _item(
        "19",
        "Variation i typ av arbete",
        "Diversity of job types",
        "Deltagarna får olika slags arbeten.",
        "Employment specialists help clients obtain different types of jobs.",
        _percent_anchors(
            "Andel jobb som är av olika slag",
            "Share of jobs that are of different types",
            ("under 50 %", "50–59 %", "60–69 %", "70–84 %", "85 % eller mer"),
        ),
        routine="job_types",
    ),
    _item(
        "20",
        "Variation i arbetsgivare",
        "Diversity of employers",
        "Deltagarna får arbete hos olika arbetsgivare.",
        "Employment specialists help clients obtain jobs with different employers.",
        _percent_anchors(
            "Andel jobb hos olika arbetsgivare",
            "Share of jobs with different employers",
            ("under 50 %", "50–59 %", "60–69 %", "70–84 %", "85 % eller mer"),
        ),
        routine="employers",
    ),
    _item(
        "21",
        "Arbeten på den öppna arbetsmarknaden",
        "Competitive jobs",
        "Jobben är på den öppna arbetsmarknaden, med minst avtalsenlig lön och inte reserverade "
        "för personer med funktionsnedsättning.",
        "Jobs are competitive: in the open labour market, at least the going wage, not set "
        "aside for people with disabilities.",
        _percent_anchors(
            "Andel jobb på den öppna arbetsmarknaden",
            "Share of competitive jobs",
            ("under 65 %", "65–74 %", "75–84 %", "85–94 %", "95 % eller mer"),
        ),
        routine="competitive",
    ),
    _item(
        "22",
        "Individuellt anpassat stöd i arbetet",
        "Individualized follow-along supports",
        "Deltagarna får olika slags stöd efter att de fått jobb, efter jobbet och sina önskemål; "
        "arbetsgivaren får också stöd.",
        "Clients receive different types of support after getting a job, based on the job and "
        "their preferences; employers are supported too.",
        (
            [
                "De flesta får inget stöd efter att de fått jobb.",
                "Ungefär hälften får stöd, men av ett begränsat slag.",
                "De flesta får stöd, men av ett begränsat slag.",
                "Deltagarna får olika slags stöd utifrån jobb och önskemål.",
                "De flesta får olika slags stöd utifrån jobb och önskemål, och arbetsgivarna får "
                "stöd.",
            ],
            [
                "Most clients receive no support after starting a job.",
                "About half receive a narrow range of support.",
                "Most receive a narrow range of support.",
                "Clients receive different types of support based on job and preferences.",
                "Most receive varied, individual support, and employers are supported too.",
            ],
        ),
        routine="support_after_hire",
    ),  # fmt: skip
    _item(
        "23",
        "Tidsobegränsat stöd",
        "Time-unlimited follow-along supports",
        "Arbetsspecialisten har kontakt inom tre dagar efter start, varje vecka första månaden "
        "och sedan minst varje månad i ett år eller längre, så länge deltagaren vill.",
        "The specialist is in contact within three days of starting, weekly in the first month "
        "and at least monthly for a year or more, as long as the client wants.",
        (
            [
                "Ingen kontakt efter första månaden.",
                "Kontakt under de första 1–3 månaderna.",
                "Kontakt i 4–6 månader.",
                "Kontakt i 7–11 månader.",
                "Kontakt minst varje månad i ett år eller längre.",
            ],
            [
                "No contact after the first month.",
                "Contact during the first one to three months.",
                "Contact for four to six months.",
                "Contact for seven to eleven months.",
                "Contact at least monthly for a year or more.",
            ],
        ),
    ),  # fmt: skip
    _item(
        "24",
        "Stöd ute i samhället",
        "Community-based services",
        "Arbetsspecialisten arbetar mest ute: hos arbetsgivare, i deltagarens närmiljö, inte "
        "på kontoret.",
        "Employment specialists spend most of their scheduled hours in the community.",
        _percent_anchors(
            "Andel av arbetstiden ute i samhället",
            "Share of working hours in the community",
            ("30 % eller mindre", "30–39 %", "40–49 %", "50–64 %", "65 % eller mer"),
        ),
    ),
    _item(
        "25",
        "Aktivt uppsökande arbete",
        "Assertive engagement and outreach by integrated treatment team",
        "Fem moment: ingen skrivs ut för uteblivna besök; uppsökande kontakter dokumenteras; "
        "arbetsspecialisten hör av sig inom ett dygn; flera besök i hemmet eller ute; "
        "samordnat med teamet och, om deltagaren vill, med anhöriga.",
        "Five elements: no one is discharged for missed appointments; outreach is documented; "
        "the specialist reaches out within a day; several home or community visits; coordinated "
        "with the team and, if the client wants, with family.",
        _count_anchors("uppsökande arbete", "outreach"),
    ),
]

IPS25 = {
    "code": "IPS-25",
    "version": 1,
    "name_sv": "IPS-skalan för programtrohet (25 punkter)",
    "name_en": "IPS Supported Employment Fidelity Scale (25 items)",
    "source": "Becker, Swanson, Bond & Lutz (2008), Supported Employment Fidelity Scale; "
    "revised 2019. Names and anchors in plain language.",
    "min_rating": 1,
    "max_rating": 5,
    "bands": [
        {
            "code": "EXEMPLARY",
            "min": 115,
            "max": 125,
            "name_sv": "Exemplarisk programtrohet",
            "name_en": "Exemplary fidelity",
        },
        {
            "code": "GOOD",
            "min": 100,
            "max": 114,
            "name_sv": "God programtrohet",
            "name_en": "Good fidelity",
        },
        {
            "code": "FAIR",
            "min": 74,
            "max": 99,
            "name_sv": "Acceptabel programtrohet",
            "name_en": "Fair fidelity",
        },
        {
            "code": "NOT_IPS",
            "min": 25,
            "max": 73,
            "name_sv": "Inte IPS",
            "name_en": "Not supported employment",
        },
    ],  # fmt: skip
    "sections": [
        {"code": "STAFFING", "name_sv": "Bemanning", "name_en": "Staffing", "items": STAFFING},
        {
            "code": "ORGANISATION",
            "name_sv": "Organisation",
            "name_en": "Organization",
            "items": ORGANISATION,
        },
        {"code": "SERVICES", "name_sv": "Tjänster", "name_en": "Services", "items": SERVICES},
    ],  # fmt: skip
}
