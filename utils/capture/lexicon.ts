import type { EntityKind } from '../bundle/schema';

/**
 * What the capture knows that compromise does not: acronyms and their kinds, weapons and equipment, the words that
 * make a name a treaty, a place, an organisation or an event, titles that stand before people's names, and the
 * shapes of credit lines. All of it is general (no word here comes from one article); words are lower case.
 */

/** Acronyms and initialisms with the kind they name; any other all-caps word of 2–6 letters is an organisation. */
export const ACRONYM_KINDS: Record<string, EntityKind> = {
  us: 'place', usa: 'place', uk: 'place', uae: 'place', rok: 'place', dprk: 'place', prc: 'place', drc: 'place',
  ussr: 'place', gb: 'place', eu: 'organisation', un: 'organisation', nato: 'organisation',
};

/**
 * Organisations named by one ordinary-looking word: news agencies (which articles cite by name) and legislatures and
 * seats of government written with a capital.
 */
export const ORGANISATION_WORDS = [
  'reuters', 'bloomberg', 'xinhua', 'yonhap', 'tass', 'interfax', 'kyodo', 'congress', 'parliament', 'senate',
  'pentagon', 'kremlin', 'knesset', 'bundestag', 'duma', 'politburo', 'white house',
];

/** Dotted forms compromise reads as one word: "U.S." is the United States. */
export const DOTTED_ACRONYM = /^(?:[A-Z]\.){2,4}$/;

/** Upper-case words of 2–6 letters that are not organisations (a caption's "POOL" is caught as a common word). */
export const NOT_ACRONYMS = new Set([
  'ok', 'tv', 'pm', 'am', 'ceo', 'cfo', 'coo', 'cto', 'gdp', 'dna', 'rna', 'ai', 'faq', 'pdf', 'html', 'url', 'usb',
  'gps', 'atm', 'diy', 'vip', 'lol', 'omg', 'fyi', 'asap', 'rip', 'ps', 'ad', 'bc', 'ce', 'bce', 'id', 'iq', 'mp',
  'mps', 'hiv', 'aids', 'covid', 'sars', 'ufo', 'pc', 'ip', 'vpn', 'sms', 'suv', 'ev', 'evs', 'led', 'lcd', 'ii',
  'iii', 'iv', 'vi', 'vii', 'viii', 'ix', 'xi', 'xii', 'vs', 'etc', 'est', 'edt', 'pst', 'pdt', 'gmt', 'utc', 'cst',
  'cdt', 'et', 'pt', 'bst', 'cet', 'kg', 'km', 'mph', 'usd', 'eur', 'gbp', 'jpy', 'krw', 'cny', 'rss', 'api', 'css', 'js', 'os', 'ui', 'ux',
  'photo', 'video', 'watch', 'read', 'more', 'update', 'updated', 'editor', 'note', 'live', 'new', 'breaking',
  'cpu', 'gpu', 'ram', 'rom', 'ssd', 'hdd', 'lan', 'wifi', 'http', 'https', 'json', 'xml', 'sql', 'nfc', 'oled', 'hd',
]);

/**
 * Weapons and military equipment by name. `context: true` marks names that are also ordinary words or names of
 * other things ("Patriot", "Leopard"): they count only beside an equipment word ("Patriot missiles", "Leopard 2
 * tanks") or with a model number.
 */
export const EQUIPMENT: Record<string, { context: boolean }> = {
  himars: { context: false }, atacms: { context: false }, nasams: { context: false }, thaad: { context: false },
  nlaw: { context: false }, manpads: { context: false }, gmlrs: { context: false }, bayraktar: { context: false },
  iskander: { context: false }, kinzhal: { context: false }, kalibr: { context: false }, shahed: { context: false },
  abrams: { context: true }, leopard: { context: true }, challenger: { context: true }, bradley: { context: true },
  stryker: { context: true }, marder: { context: true }, patriot: { context: true }, javelin: { context: true },
  stinger: { context: true }, gepard: { context: true }, caesar: { context: true }, archer: { context: true },
  krab: { context: true }, excalibur: { context: true }, tomahawk: { context: true }, harpoon: { context: true },
  hellfire: { context: true }, reaper: { context: true }, predator: { context: true }, switchblade: { context: true },
  gripen: { context: true }, rafale: { context: true }, typhoon: { context: true }, eurofighter: { context: false },
  tornado: { context: true }, apache: { context: true }, chinook: { context: true }, 'black hawk': { context: true },
  'storm shadow': { context: true }, 'iron dome': { context: true }, aegis: { context: true }, sidewinder: { context: true },
  amraam: { context: false }, 'k2 black panther': { context: false }, 'k9 thunder': { context: false },
  'air force one': { context: false }, 'marine one': { context: false }, soyuz: { context: true }, proton: { context: true },
};

/** Nouns that make a nearby name a weapon or a piece of equipment ("Leopard 2 tanks", "F-16 fighter jets"). */
export const EQUIPMENT_NOUNS = new Set([
  'tank', 'tanks', 'jet', 'jets', 'fighter', 'fighters', 'missile', 'missiles', 'launcher', 'launchers', 'system',
  'systems', 'drone', 'drones', 'howitzer', 'howitzers', 'rocket', 'rockets', 'aircraft', 'helicopter',
  'helicopters', 'submarine', 'submarines', 'warship', 'warships', 'frigate', 'frigates', 'destroyer', 'destroyers',
  'vehicle', 'vehicles', 'rifle', 'rifles', 'gun', 'guns', 'artillery', 'bomber', 'bombers', 'interceptor',
  'interceptors', 'battery', 'batteries', 'carrier', 'carriers', 'warplane', 'warplanes', 'munitions', 'shells',
  'ship', 'ships', 'spaceship', 'spacecraft', 'craft', 'satellite', 'satellites', 'booster', 'vessel', 'vessels',
]);

/** A model designation: "F-16", "T-72", "S-400", "M1", "M1A2", "Su-35", "MiG-29", "TB2", "2A6". */
export const MODEL_NUMBER = /^(?:[A-Z][A-Za-z]{0,2}-?\d{1,4}[A-Z\d]{0,3}|\d[A-Z\d]{0,3})$/;

/** The last word of a treaty's name, or its first before "of"/"on" ("Treaty of Rome", "Convention on …"). */
export const TREATY_WORDS = new Set(['treaty', 'convention', 'agreement', 'accord', 'accords', 'pact', 'protocol', 'charter']);

/** Last words that make a name a place. */
export const PLACE_HEADS = new Set([
  'peninsula', 'base', 'airbase', 'airport', 'island', 'islands', 'sea', 'ocean', 'river', 'strait', 'straits',
  'gulf', 'bay', 'valley', 'mountains', 'mountain', 'province', 'prefecture', 'region', 'county', 'district',
  'oblast', 'territory', 'territories', 'coast', 'desert', 'canal', 'lake', 'plateau', 'square', 'harbor',
  'harbour', 'port', 'village', 'borough', 'republic', 'kingdom', 'emirates', 'city', 'town', 'park',
  'hills', 'heights', 'strip', 'basin', 'delta', 'highlands', 'plains', 'pass', 'avenue', 'street', 'beach', 'wall',
  'terminal', 'passage', 'locks',
]);
/** Countries whose names end in a word that heads organisations ("Soviet Union"): places all the same. */
export const PLACE_NAMES = new Set(['soviet union', 'union of soviet socialist republics', 'state of palestine', 'state of israel', 'holy see']);
/** Words that make a name a place when they come first ("Mount Everest", "Lake Geneva"). */
export const PLACE_FIRSTS = new Set(['mount', 'lake', 'cape', 'fort', 'port', 'gulf', 'isle', 'camp']);

/** Last words that make a name an organisation (compromise knows many; these are the ones it misses). */
export const ORG_HEADS = new Set([
  'organization', 'organisation', 'agency', 'ministry', 'department', 'council', 'committee', 'commission', 'party',
  'army', 'navy', 'corps', 'forces', 'force', 'corporation', 'corp', 'inc', 'ltd', 'llc', 'plc', 'group', 'bank',
  'university', 'college', 'institute', 'association', 'union', 'alliance', 'court', 'parliament', 'congress',
  'senate', 'assembly', 'office', 'service', 'services', 'times', 'post', 'news', 'press', 'journal', 'fund',
  'foundation', 'center', 'centre', 'company', 'airlines', 'federation', 'league', 'authority', 'board', 'bureau',
  'network', 'club', 'society', 'school', 'academy', 'police', 'guard', 'command', 'coalition', 'movement',
  'brigade', 'battalion', 'administration', 'cabinet', 'secretariat', 'reserve', 'exchange', 'systems',
  'technologies', 'industries', 'motors', 'media', 'studios', 'museum', 'hospital', 'church', 'watch',
  'international', 'trust', 'tribunal', 'directorate', 'commandos', 'regiment', 'division', 'fleet', 'institution',
  'magazine', 'telegraph', 'tribune', 'herald', 'gazette', 'broadcasting', 'television', 'radio', 'labs', 'embassy',
  'consulate', 'mission', 'research', 'holdings', 'partners', 'ventures', 'securities', 'capital', 'consulting', 'analytics',
  'pharmaceuticals', 'therapeutics', 'airways', 'railways', 'communications', 'entertainment', 'insider',
]);

/** Companies' legal suffixes: they end a company's name ("Business Insider Inc") and name nothing alone. */
export const CORPORATE_SUFFIXES = new Set(['inc', 'inc.', 'ltd', 'ltd.', 'llc', 'plc', 'corp', 'corp.', 'co.', 'gmbh', 'ag', 'sa', 'nv', 'bv', 'pty']);
/** Words of institutions that, capitalised alone inside a sentence, name one ("a Navy veteran", "the Court ruled"). */
export const INSTITUTION_WORDS = new Set(['army', 'navy', 'police', 'court', 'cabinet']);
/** Heads that make a name an organisation when "of" follows them ("House of Representatives", "Chamber of Commerce"). */
export const ORG_HEADS_BEFORE_OF = new Set(['house', 'chamber', 'bank', 'chiefs']);
/** Words of armed forces that make a name an organisation wherever they stand in it ("U.S. Forces Korea", "Army Europe"). */
export const MILITARY_HEADS = new Set(['forces', 'command', 'army', 'navy', 'fleet', 'corps', 'guard']);
/** Prefixes of ships' names ("USS Ronald Reagan", "HMS Queen Elizabeth"): a ship is equipment. */
export const SHIP_PREFIXES = new Set(['uss', 'hms', 'hmas', 'hmcs', 'hmnzs', 'ins', 'frs', 'rfs', 'ros', 'usns', 'uscgc']);
/** Lower-case nouns of military exercises after their name ("the Ulchi Freedom Shield exercise"). */
export const EXERCISE_NOUNS = new Set(['exercise', 'exercises', 'drill', 'drills', 'wargames', 'war games']);

/** Last words of laws: a law is none of the kinds a note has (not a treaty), so such names are left out. */
export const LAW_WORDS = new Set(['act', 'bill', 'law', 'amendment', 'statute', 'ordinance', 'directive', 'regulation', 'code']);

/** Last words that make a name an event ("Korean War", "Munich Security Conference", "World Cup"). */
export const EVENT_HEADS = new Set([
  'war', 'wars', 'revolution', 'summit', 'olympics', 'games', 'cup', 'uprising', 'massacre', 'crisis',
  'conference', 'festival', 'championship', 'championships', 'election', 'elections', 'referendum', 'offensive',
  'genocide', 'holocaust', 'pandemic', 'spring',
]);

/**
 * Nouns of invasion and war that name an event before "in"/"of" and a place ("war in Ukraine", "conflict in
 * Darfur"), after a demonym ("Russian invasion") or after a place ("Gaza conflict", "Ukraine war").
 */
export const EVENT_NOUNS = new Set(['war', 'invasion', 'occupation', 'annexation', 'siege', 'bombing', 'blockade', 'conflict', 'genocide', 'uprising', 'massacre']);
/** Lower-case nouns that make a place's or an organisation's name before them an event ("NATO summit", "Madrid peace talks"). */
export const MEETING_NOUNS = new Set(['summit', 'peace talks', 'peace conference', 'peace process']);
/** Lower-case nouns of disease that make a name before them an event ("COVID-19 pandemic", "Ebola outbreak"). */
export const OUTBREAK_NOUNS = new Set(['pandemic', 'epidemic', 'outbreak']);
/**
 * Events known by a name that has no event word in it (general knowledge, written as the press writes them).
 */
export const EVENT_NAMES = ['9/11', 'Super Bowl', 'World Series', 'Brexit', 'Watergate', 'D-Day', 'Kristallnacht', 'Holodomor', 'Nakba', 'Intifada', 'Anschluss', 'Reconquista'];

/**
 * Lower-case treaty nouns after a place's name ("the Iran nuclear deal", "the Paris climate agreement", "the Oslo
 * accords"): "deal" and "agreement" only with a word that says what about (`TREATY_MODIFIERS`), since a "Yahoo deal"
 * is a sale.
 */
export const TREATY_NOUNS = new Set(['treaty', 'treaties', 'accord', 'accords', 'pact', 'convention', 'deal', 'agreement', 'agreements']);
export const TREATY_NOUNS_NEEDING_A_MODIFIER = new Set(['deal', 'agreement', 'agreements', 'convention']);
export const TREATY_MODIFIERS = new Set([
  'nuclear', 'peace', 'climate', 'trade', 'free-trade', 'arms', 'ceasefire', 'cease-fire', 'security', 'defense', 'defence',
  'border', 'grain', 'gas', 'withdrawal', 'normalization', 'normalisation', 'armistice', 'non-aggression', 'nonaggression',
]);

/**
 * Titles that stand before a person's name ("President Joe Biden", "NATO chief Jens Stoltenberg"); the name
 * starts after them. Portfolio words ("Defense" in "Secretary of Defense") belong to the title when they follow one.
 */
export const TITLES = new Set([
  'president', 'president-elect', 'vice', 'prime', 'minister', 'premier', 'chancellor', 'secretary',
  'secretary-general', 'general', 'attorney', 'governor', 'senator', 'representative', 'congressman',
  'congresswoman', 'mayor', 'ambassador', 'envoy', 'king', 'queen', 'prince', 'princess', 'emperor', 'pope',
  'cardinal', 'bishop', 'archbishop', 'rabbi', 'imam', 'sheikh', 'sultan', 'emir', 'crown', 'judge', 'justice',
  'chief', 'chair', 'chairman', 'chairwoman', 'chairperson', 'director', 'ceo', 'founder', 'spokesman',
  'spokeswoman', 'spokesperson', 'commander', 'admiral', 'lieutenant', 'colonel', 'major', 'captain', 'sergeant',
  'marshal', 'officer', 'leader', 'head', 'deputy', 'assistant', 'professor', 'speaker', 'councillor',
  'councilman', 'councilwoman', 'commissioner', 'inspector', 'superintendent', 'detective', 'sheriff', 'coach',
  'dictator', 'former', 'late', 'acting', 'interim', 'elect', 'designate', 'pastor', 'reverend', 'saint',
  'activist', 'lawmaker', 'democrat', 'republican', 'economist', 'analyst', 'historian', 'novelist', 'author', 'writer', 'photographer', 'reporter',
  'correspondent', 'editor', 'columnist', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'adm', 'gov', 'sen', 'rep',
  'rev', 'st', 'prophet', ...['mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady', 'messrs', 'mme', 'mlle'],
]);
/** Title words that qualify a title but are none alone ("former", "late"): "the former British colony". */
export const QUALIFIERS = new Set(['former', 'late', 'acting', 'interim', 'elect', 'designate', 'deputy', 'vice']);
/** Honorifics: they show a person's name follows, but say nothing about who the person is. */
export const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady', 'messrs', 'mme', 'mlle', 'st']);

/** Words after "of"/"for" that belong to a title: "Secretary of Defense", "Minister for Foreign Affairs". */
export const PORTFOLIOS = new Set([
  'defense', 'defence', 'state', 'foreign', 'affairs', 'finance', 'health', 'interior', 'justice', 'treasury',
  'commerce', 'energy', 'education', 'agriculture', 'labor', 'labour', 'transport', 'transportation', 'homeland',
  'security', 'veterans', 'trade', 'economy', 'environment', 'culture', 'unification', 'home', 'war', 'navy',
  'army', 'air', 'force', 'staff', 'intelligence', 'national', 'information', 'communications', 'industry',
  'development', 'housing', 'immigration', 'the', 'and', 'public', 'works', 'economic', 'planning', 'press',
]);

/** Lower-case words that join the words of one name: "Republic of Korea", "Charles de Gaulle", "Johnson & Johnson". */
export const NAME_PARTICLES = new Set(['de', 'del', 'della', 'der', 'den', 'di', 'da', 'du', 'des', 'la', 'le', 'van', 'von', 'bin', 'ibn', 'al', 'el', 'ter', 'dos', 'das', 'y', '&']);
/** "of", "the", "for", "on": they join words of one name only after a word that heads a name (Republic, Treaty…). */
export const OF_WORDS = new Set(['of', 'the', 'for', 'on', 'against', 'and']);
export const OF_HEADS = new Set([
  ...ORG_HEADS, ...TREATY_WORDS, ...PLACE_FIRSTS, 'republic', 'kingdom', 'bank', 'university', 'ministry',
  'department', 'secretary', 'minister', 'museum', 'church', 'house', 'court', 'sea', 'isle', 'federation',
  'commonwealth', 'league', 'council', 'office', 'board', 'chamber', 'academy', 'school', 'society', 'order', 'party',
  'people’s', "people's", 'state', 'states', 'emirates', 'islands', 'city', 'province', 'region', 'district',
  'battle', 'siege', 'treaty', 'statue', 'cathedral', 'palace', 'bay', 'gulf', 'strait', 'straits', 'duke', 'chiefs',
  'duchess', 'prince', 'princess', 'king', 'queen', 'bishop', 'archbishop', 'mayor', 'governor',
]);

/** Lower-case nouns that, right after a name or right before it, make it an organisation ("the Likud party",
 * "her G40 political faction", "rescue group Project Jonah"). */
export const ORG_NOUNS = new Set([
  'party', 'group', 'movement', 'faction', 'militia', 'organization', 'organisation', 'agency', 'newspaper', 'daily',
  'network', 'coalition', 'bloc', 'broadcaster', 'company', 'firm', 'conglomerate', 'charity', 'union', 'club',
  'team', 'think-tank', 'institute', 'channel', 'outlet', 'magazine', 'website', 'startup', 'museum', 'body', 'poll',
  'survey', 'pollster', 'ministry', 'department', 'regime', 'junta', 'court',
]);
/** Lower-case nouns that, right after a name, show it is a company or an institution ("Yahoo shareholders", "a
 * Whole Foods spokeswoman", "Amazon founder Jeff Bezos"). */
export const ORG_ATTRIBUTES = new Set([
  'shareholders', 'shareholder', 'executives', 'executive', 'employees', 'staff', 'stock', 'shares', 'subsidiary',
  'subsidiaries', 'headquarters', 'founder', 'co-founder', 'ceo', 'spokesman', 'spokeswoman', 'spokesperson',
  'board', 'stores', 'store', 'brand', 'customers', 'subscribers', 'products', 'app', 'website', 'platform',
  'chain', 'brokerage', 'retailer', 'grocer', 'airline', 'bank', 'foundation', 'division', 'unit', 'supplier',
]);

/** Lower-case nouns that make the name before them or after "of" a place ("the Tuva region", "the city of Sirte"). */
export const PLACE_NOUNS = new Set(['city', 'town', 'village', 'province', 'region', 'island', 'county', 'district', 'prefecture', 'oblast', 'capital']);
/** A party's members after a state's name ("Virginia Democrat", "Oklahoma Republican"): the state is a place. */
export const PARTY_MEMBERS = new Set(['democrat', 'democrats', 'republican', 'republicans']);
/** Nouns that, heading an appositive, say the name is a place ("Tunisia, a mostly Muslim nation of …"). */
export const PLACE_APPOSITIVES = new Set([...PLACE_NOUNS, 'country', 'nation', 'capital', 'state', 'area', 'port', 'suburb', 'neighbourhood', 'neighborhood']);
/** Prepositions of place: an unknown name after them is a place ("Osan Air Base in Pyeongtaek"). */
export const LOCATIVES = new Set(['in', 'near', 'outside', 'inside', 'across', 'from']);
/** Words of direction: alone they name no place ("the North"), before a demonym they are part of it ("South Korean"). */
export const DIRECTIONS = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central']);

/** Nouns of what people are: in an appositive they show the name is a person's ("Ajmi Lourimi, a member of …"). */
export const ROLE_NOUNS = new Set([
  ...TITLES, 'official', 'officials', 'member', 'boss', 'owner', 'candidate', 'nominee', 'adviser', 'advisor',
  'aide', 'expert', 'student', 'partner', 'wife', 'husband', 'son', 'daughter', 'mother', 'father', 'brother',
  'sister', 'friend', 'colleague', 'legislator', 'politician', 'diplomat', 'negotiator', 'soldier', 'pilot',
  'victim', 'survivor', 'resident', 'citizen', 'worker', 'employee', 'manager', 'executive', 'host', 'anchor',
  'actor', 'actress', 'singer', 'player', 'champion', 'winner', 'opponent', 'rival', 'successor', 'predecessor',
  'incumbent', 'veteran', 'creator', 'designer', 'inventor', 'entrepreneur', 'investor', 'priest', 'elder',
  'grandson', 'granddaughter', 'grandfather', 'grandmother', 'uncle', 'aunt', 'nephew', 'niece', 'cousin', 'fellow',
  'ranger', 'farmer', 'teacher', 'doctor', 'nurse', 'lawyer', 'scientist', 'researcher', 'writer', 'poet', 'artist',
  'organizer', 'organiser', 'volunteer', 'supporter', 'protester', 'voter', 'prosecutor', 'minister', 'secretary',
]);

/** Verbs of saying: a name right before or after one is a person's (or an organisation's, when compromise says so). */
export const SPEECH_VERBS = new Set([
  'said', 'says', 'told', 'tells', 'added', 'adds', 'wrote', 'writes', 'argued', 'argues', 'urged', 'urges',
  'noted', 'notes', 'stated', 'states', 'explained', 'explains', 'insisted', 'insists', 'warned', 'warns',
  'asked', 'asks', 'replied', 'replies', 'recalled', 'recalls', 'tweeted', 'announced', 'announces', 'claimed',
  'claims', 'acknowledged', 'acknowledges', 'admitted', 'admits', 'declared', 'declares',
]);

/** Verbs of buying and selling: an unknown name right after one is a company's ("bought Snapchat"). */
export const ACQUISITION_VERBS = new Set(['bought', 'buy', 'buys', 'buying', 'acquired', 'acquire', 'acquires', 'acquiring', 'sold', 'sell', 'sells', 'selling']);

/**
 * Photo and video credits, bylines and agency tags. Their lines are never facts of what the article says about
 * anyone; the people and agencies they name are entities of their own (credits.ts).
 */
export const CREDIT_PATTERNS = [
  /\b(?:photo|photograph|image|picture|video|illustration|graphic)s?\s*(?:by|:|credit|courtesy|via)\b/i,
  /^\s*credits?\s+\p{Lu}/iu,
  // "CreditChang W. Lee/The New York Times": the word glued to the name, as some sites print it.
  /^\s*(?:Credit)+\p{Lu}/u,
  /\bcontributed to this report\b/i,
  /\b(?:credit|courtesy|source)\s*:/i,
  /\b(?:getty images|shutterstock|reuters\/|\/\s*reuters|\/\s*afp|afp\s*\/|\/\s*ap\b|\bap\s*\/|\/\s*epa|epa\s*\/|\bpool\s*\/|\/\s*pool\b|via getty|via ap\b|via reuters|via afp|alamy|istock)/i,
  /^\s*(?:by|reporting by|additional reporting by|editing by|written by|compiled by)\s+\p{Lu}/iu,
  /\b(?:reporting|editing) by\s+\p{Lu}/u,
];

/**
 * News, photo and wire agencies, lower case: in a credit line they are organisations ("Lee Jin-man/ POOL / AFP",
 * "Ezra Acayan / Getty Images"). General knowledge: the agencies that credit the world's news photos.
 */
export const NEWS_AGENCIES = new Set([
  'afp', 'agence france-presse', 'agence france presse', 'ap', 'associated press', 'the associated press', 'reuters',
  'thomson reuters', 'getty images', 'getty', 'epa', 'epa-efe', 'efe', 'shutterstock', 'rex', 'rex features', 'alamy',
  'istock', 'dpa', 'ansa', 'anadolu', 'anadolu agency', 'xinhua', 'kyodo', 'kyodo news', 'yonhap', 'tass', 'ria novosti',
  'sputnik', 'interfax', 'kcna', 'bloomberg', 'press association', 'pa', 'pa images', 'aap', 'cp', 'the canadian press',
  'upi', 'nurphoto', 'sipa', 'zuma', 'zuma press', 'abaca', 'magnum photos', 'bbc', 'cnn', 'cbs', 'nbc', 'abc',
]);
