/**
 * A large notes library, made up but shaped like a real one, for `npm run bench:scale` and the tests: what a reader
 * who captures a few articles a day has after a year. Deterministic (a seeded PRNG: the same arguments give the same
 * library, byte for byte), and every bundle is what `parseBundle` accepts.
 *
 * - Articles: one bundle each, with a headline, a publisher, a date between 2015 and 2025 and an address; about 30
 *   entities and 150 quotes an article (1,000 articles: about 30,000 entities and 150,000 quotes).
 * - Entities of all six kinds, named in many languages and scripts: Latin with diacritics (Czech, Polish, Turkish,
 *   Vietnamese, Icelandic, …), Cyrillic, Greek, Hangul, Han, kana, Arabic, Hebrew, Devanagari, Georgian, Thai.
 *   Their aliases are what a capture gives (`aliasesFor`: the name, other forms, a person's bare surname needing
 *   evidence with titles as cues, short acronyms in their own case), plus transliterations and acronyms.
 * - Some entities recur across articles (a popular one in dozens), so the catalogue merges them; some names are
 *   words and names real pages use (countries, cities, common surnames, organisations), so a scan of the bench
 *   pages finds real mentions among them.
 * - Quotes: sentences of 15–40 words naming their entity, the article's text being its quotes in order, so each
 *   quote's `start` is its real offset.
 *
 * `npx tsx scripts/generate-library.ts [articles=1000] [out=.generated/library-<articles>.json]` writes a library
 * file (the export format: `side-notes-library`, schema 1), which the options page imports. Nothing generated is
 * committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Bundle, Entity, EntityKind, Fact } from '../utils/bundle/schema';
import { parseBundle } from '../utils/bundle/parse';
import { aliasesFor, kebabId } from '../utils/library/from-draft';
import { aliasKey } from '../utils/match/normalize';
import { prng } from './bench-synthetic';

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** A language's people: given names and surnames (a list, and syllables to make more), and its script. */
interface Language {
  name: string;
  given: string[];
  surnames: string[];
  /** Syllables for more surnames; none for scripts written without them here. */
  syllables?: string[];
  /** Surname first, no space between (Han, kana), or surname first with a space (Hangul, Vietnamese). */
  order?: 'family-first' | 'family-first-joined';
  /** A Latin transliteration of the language's names is sometimes an alias. */
  latin?: Record<string, string>;
}

const LANGUAGES: Language[] = [
  {
    name: 'English',
    given: ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Susan', 'Richard', 'Karen', 'Thomas', 'Nancy', 'Daniel', 'Lisa', 'Mark', 'Sandra', 'Paul', 'Ashley', 'George', 'Emily', 'Kevin', 'Grace', 'Brian', 'Rose'],
    surnames: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Carter', 'Phillips', 'Evans', 'Turner', 'Parker', 'Collins', 'Edwards', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Morgan', 'Cooper', 'Peterson', 'Reed', 'Bailey', 'Bell', 'Kelly', 'Howard', 'Ward', 'Cox', 'Richardson', 'Wood', 'Watson', 'Brooks', 'Bennett', 'Gray', 'Hughes', 'Price', 'Sanders', 'Myers', 'Long', 'Ross', 'Foster', 'Powell', 'Jenkins', 'Perry', 'Russell', 'Sullivan', 'Bush', 'Gates', 'Tillerson'],
    syllables: ['ash', 'ford', 'ham', 'ley', 'ton', 'well', 'wick', 'by', 'bridge', 'field', 'mor', 'stone', 'croft', 'dale', 'brook'],
  },
  {
    name: 'Spanish',
    given: ['José', 'María', 'Juan', 'Lucía', 'Andrés', 'Sofía', 'Martín', 'Valentina', 'Joaquín', 'Inés', 'Ramón', 'Begoña'],
    surnames: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Jiménez', 'Muñoz', 'Álvarez', 'Núñez', 'Ibáñez'],
    syllables: ['al', 'ca', 'de', 'ga', 'ra', 'to', 'ño', 'lla', 'mé', 'rí', 'ez', 'da', 'ta', 'gui'],
  },
  {
    name: 'French',
    given: ['Jean', 'Élodie', 'François', 'Chloé', 'Hélène', 'Jérôme', 'Benoît', 'Amélie', 'Gaëlle', 'Noël', 'Cécile', 'Loïc'],
    surnames: ['Martin', 'Bernard', 'Dubois', 'Lefèvre', 'Moreau', 'Laurent', 'Girard', 'Rousseau', 'Mercier', 'Boucher', 'Févre', 'Lemaître'],
    syllables: ['beau', 'champ', 'mont', 'ville', 'court', 'rié', 'lé', 'vin', 'ret', 'ault'],
  },
  {
    name: 'German',
    given: ['Jürgen', 'Sabine', 'Klaus', 'Jörg', 'Günter', 'Ursula', 'Björn', 'Käthe', 'Lukas', 'Annalena'],
    surnames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Schäfer', 'Köhler', 'Groß', 'Weiß', 'Hoffmann'],
    syllables: ['berg', 'bach', 'stein', 'mann', 'hof', 'feld', 'wald', 'ler', 'kü', 'grö', 'ner'],
  },
  {
    name: 'Polish',
    given: ['Łukasz', 'Małgorzata', 'Wojciech', 'Agnieszka', 'Paweł', 'Zofia', 'Michał', 'Jędrzej'],
    surnames: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Woźniak', 'Dąbrowski'],
    syllables: ['ski', 'czyk', 'wicz', 'ło', 'ża', 'dą', 'brow', 'ciń', 'rze'],
  },
  {
    name: 'Czech',
    given: ['Jiří', 'Petra', 'Tomáš', 'Kateřina', 'Lukáš', 'Zdeňka', 'Přemysl', 'Věra'],
    surnames: ['Novák', 'Svoboda', 'Dvořák', 'Černý', 'Procházka', 'Kučera', 'Veselý', 'Horák', 'Němec', 'Pokorný'],
    syllables: ['ko', 'vá', 'ček', 'ř', 'ný', 'šek', 'ka', 'ží'],
  },
  {
    name: 'Turkish',
    given: ['Mehmet', 'Ayşe', 'Mustafa', 'Fatma', 'Emre', 'Zeynep', 'Çağan', 'Gülşen', 'Oğuz', 'İlkay'],
    surnames: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Öztürk', 'Aydın', 'Arslan', 'Doğan'],
    syllables: ['oğ', 'lu', 'kan', 'türk', 'ay', 'dın', 'er', 'çe', 'şi'],
  },
  {
    name: 'Vietnamese',
    given: ['Minh', 'Thảo', 'Hùng', 'Lan', 'Dũng', 'Hương', 'Tuấn', 'Ngọc'],
    surnames: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng'],
    order: 'family-first',
  },
  {
    name: 'Icelandic',
    given: ['Þór', 'Guðrún', 'Sigurður', 'Ásdís', 'Jóhann', 'Ólöf'],
    surnames: ['Jónsson', 'Sigurðsson', 'Guðmundsdóttir', 'Þórsdóttir', 'Ólafsson', 'Björnsdóttir'],
  },
  {
    name: 'Russian',
    given: ['Алексей', 'Мария', 'Дмитрий', 'Ольга', 'Сергей', 'Наталья', 'Иван', 'Екатерина'],
    surnames: ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Соколов', 'Лебедев', 'Козлов', 'Новиков', 'Морозов', 'Волков'],
    syllables: ['ов', 'ев', 'ин', 'ко', 'ра', 'ли', 'ски', 'ний', 'ча'],
    latin: { Алексей: 'Alexei', Мария: 'Maria', Дмитрий: 'Dmitry', Ольга: 'Olga', Сергей: 'Sergei', Наталья: 'Natalya', Иван: 'Ivan', Екатерина: 'Yekaterina', Иванов: 'Ivanov', Смирнов: 'Smirnov', Кузнецов: 'Kuznetsov', Попов: 'Popov', Соколов: 'Sokolov', Лебедев: 'Lebedev', Козлов: 'Kozlov', Новиков: 'Novikov', Морозов: 'Morozov', Волков: 'Volkov' },
  },
  {
    name: 'Ukrainian',
    given: ['Олександр', 'Оксана', 'Андрій', 'Ірина', 'Богдан', 'Юлія'],
    surnames: ['Шевченко', 'Бондаренко', 'Коваленко', 'Ткаченко', 'Кравченко', 'Олійник', 'Мельник', 'Ґонта'],
    syllables: ['ко', 'чук', 'енко', 'ій', 'ів', 'ак'],
  },
  {
    name: 'Greek',
    given: ['Γιώργος', 'Μαρία', 'Νίκος', 'Ελένη', 'Δημήτρης', 'Κατερίνα'],
    surnames: ['Παπαδόπουλος', 'Βλάχος', 'Αγγελόπουλος', 'Νικολάου', 'Γεωργίου', 'Οικονόμου', 'Καραγιάννης'],
    syllables: ['πα', 'δό', 'που', 'λος', 'κα', 'ρά', 'νης', 'κης'],
  },
  {
    name: 'Korean',
    given: ['민준', '서연', '지훈', '하은', '도윤', '수아', '석열', '재명'],
    surnames: ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'],
    order: 'family-first',
    latin: { 김: 'Kim', 이: 'Lee', 박: 'Park', 최: 'Choi', 정: 'Jung', 강: 'Kang', 조: 'Cho', 윤: 'Yoon', 장: 'Jang', 임: 'Lim' },
  },
  {
    name: 'Chinese',
    given: ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明'],
    surnames: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡'],
    order: 'family-first-joined',
  },
  {
    name: 'Japanese',
    given: ['翔太', '陽菜', '蓮', 'さくら', '大輝', 'ゆい', '健一', 'あおい'],
    surnames: ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤'],
    order: 'family-first-joined',
  },
  {
    name: 'Arabic',
    given: ['محمد', 'فاطمة', 'أحمد', 'عائشة', 'علي', 'مريم', 'عمر', 'ليلى'],
    surnames: ['العلي', 'الحسن', 'المصري', 'الخطيب', 'النجار', 'الحداد', 'السعيد', 'القاسم'],
  },
  {
    name: 'Hebrew',
    given: ['דוד', 'שרה', 'יוסף', 'רחל', 'משה', 'נועה'],
    surnames: ['כהן', 'לוי', 'מזרחי', 'פרץ', 'ביטון', 'אברהם'],
  },
  {
    name: 'Hindi',
    given: ['राहुल', 'प्रिया', 'अमित', 'सुनीता', 'विजय', 'अनीता'],
    surnames: ['शर्मा', 'वर्मा', 'गुप्ता', 'सिंह', 'कुमार', 'पटेल'],
  },
  {
    name: 'Georgian',
    given: ['გიორგი', 'ნინო', 'დავით', 'თამარ'],
    surnames: ['ბერიძე', 'კაპანაძე', 'გელაშვილი', 'მაისურაძე'],
  },
  {
    name: 'Thai',
    given: ['สมชาย', 'สมศรี', 'ประยุทธ์', 'มาลี'],
    surnames: ['ศรีสุข', 'วงศ์ใหญ่', 'แก้วมณี', 'จันทร์ดี'],
  },
];

/**
 * Names real pages use, so that a scan of real pages finds mentions among the made-up ones: countries, cities and
 * states, organisations, a few public figures, events and treaties. Each is one entity, recurring across articles.
 */
const REAL: { name: string; kind: EntityKind; aliases?: string[] }[] = [
  ...['United States', 'Russia', 'China', 'Japan', 'Germany', 'France', 'Canada', 'Mexico', 'Brazil', 'India', 'Iran', 'Iraq', 'Israel', 'Egypt', 'Turkey', 'Ukraine', 'Poland', 'Italy', 'Spain', 'Australia', 'Afghanistan', 'Pakistan', 'Syria', 'Saudi Arabia', 'North Korea', 'South Korea', 'Venezuela', 'Cuba', 'Nigeria', 'Kenya'].map((name) => ({ name, kind: 'place' as const })),
  ...['New York', 'Washington', 'Boston', 'Chicago', 'Los Angeles', 'San Francisco', 'London', 'Paris', 'Berlin', 'Moscow', 'Beijing', 'Tokyo', 'Virginia', 'Pennsylvania', 'New Jersey', 'Texas', 'California', 'Florida', 'Massachusetts', 'Manhattan', 'Brooklyn', 'Arlington', 'Shanksville', 'Ohio', 'Michigan'].map((name) => ({ name, kind: 'place' as const })),
  { name: 'United Nations', kind: 'organisation', aliases: ['UN'] },
  { name: 'European Union', kind: 'organisation', aliases: ['EU'] },
  { name: 'Federal Bureau of Investigation', kind: 'organisation', aliases: ['FBI'] },
  { name: 'Central Intelligence Agency', kind: 'organisation', aliases: ['CIA'] },
  { name: 'Internet Engineering Task Force', kind: 'organisation', aliases: ['IETF'] },
  { name: 'World Wide Web Consortium', kind: 'organisation', aliases: ['W3C'] },
  { name: 'Pentagon', kind: 'organisation' },
  { name: 'Reuters', kind: 'organisation' },
  { name: 'Associated Press', kind: 'organisation' },
  { name: 'Yahoo', kind: 'organisation' },
  { name: 'Google', kind: 'organisation' },
  { name: 'Reddit', kind: 'organisation' },
  { name: 'American Airlines', kind: 'organisation' },
  { name: 'United Airlines', kind: 'organisation' },
  { name: 'Port Authority of New York and New Jersey', kind: 'organisation', aliases: ['Port Authority'] },
  { name: 'Cantor Fitzgerald', kind: 'organisation' },
  { name: 'Marsh & McLennan', kind: 'organisation' },
  { name: 'Rex Tillerson', kind: 'person' },
  { name: 'Robert Gates', kind: 'person' },
  { name: 'Vladimir Putin', kind: 'person', aliases: ['Путин'] },
  { name: 'Donald Trump', kind: 'person' },
  { name: 'Barack Obama', kind: 'person' },
  { name: 'George W. Bush', kind: 'person' },
  { name: 'Roy Fielding', kind: 'person' },
  { name: 'Mark Nottingham', kind: 'person' },
  { name: 'World Trade Center', kind: 'place', aliases: ['Twin Towers'] },
  { name: 'September 11 attacks', kind: 'event', aliases: ['9/11'] },
  { name: 'Olympic Games', kind: 'event', aliases: ['Olympics'] },
  { name: 'Paris Agreement', kind: 'treaty' },
  { name: 'Geneva Conventions', kind: 'treaty' },
  { name: 'Boeing 767', kind: 'equipment' },
  { name: 'Boeing 757', kind: 'equipment' },
];

const PLACE_ROOTS = ['Kar', 'Vel', 'Dor', 'Mar', 'Ost', 'Sal', 'Tor', 'Bel', 'Kas', 'Nov', 'Zel', 'Ri', 'Lu', 'Ter', 'Gra', 'Ven', 'Ard', 'Bre', 'Cal', 'Elm'];
const PLACE_ENDS = ['ava', 'burg', 'grad', 'ovo', 'stad', 'holm', 'pur', 'abad', 'ville', 'mouth', 'ford', 'haven', 'ía', 'ës', 'øy', 'ås'];
const PLACE_HEADS = ['Lake', 'Mount', 'Port', 'San', 'Saint', 'New', 'North', 'South', 'East', 'West', 'Cape', 'Fort', 'Upper', 'Lower'];
const ORG_HEADS = ['National', 'Federal', 'Royal', 'United', 'Central', 'International', 'Democratic', 'People’s', 'Northern', 'Baltic', 'Pacific', 'Atlantic', 'Continental', 'Social', 'Free'];
const ORG_KINDS = ['Bank', 'Party', 'Council', 'Authority', 'Institute', 'Foundation', 'Agency', 'Commission', 'Union', 'Alliance', 'Ministry', 'Airlines', 'Corporation', 'Group', 'University', 'Press', 'Federation', 'Front', 'Movement', 'Court'];
const ORG_FIELDS = ['Energy', 'Defence', 'Health', 'Trade', 'Labour', 'Development', 'Transport', 'Water', 'Science', 'Culture', 'Justice', 'Finance', 'Agriculture', 'Shipping', 'Mining'];
const TREATY_FORMS = ['Treaty of %', '% Accord', '% Agreement', '% Convention', '% Protocol', 'Treaty on % Cooperation', '% Declaration', '% Pact'];
const EQUIPMENT_NAMES = ['Falcon', 'Viper', 'Condor', 'Kestrel', 'Badger', 'Jaguar', 'Lynx', 'Harrier', 'Sentinel', 'Trident', 'Piranha', 'Cobra', 'Griffin', 'Osprey', 'Mamba', 'Tempest'];
const EQUIPMENT_KINDS = ['tank', 'drone', 'howitzer', 'missile system', 'frigate', 'fighter jet', 'radar', 'rifle', 'satellite', 'armoured vehicle'];
const EVENT_FORMS = ['% Summit', 'Battle of %', '% Festival', '% Crisis', '% Conference', '% Elections', '% Earthquake', '% Games', 'Siege of %', '% Forum'];
const NON_LATIN_PLACES = ['Москва-Сити', 'Новоград', 'Κάτω Πόλη', 'Νέα Σμύρνη', '서울숲', '부산항', '上海港', '新城', '大阪湾', 'القاهرة الجديدة', 'תל חי', 'नवगांव', 'ქუთაისი', 'เชียงราย'];

const PUBLISHERS = ['The Baltic Courier', 'Daily Meridian', 'Le Quotidien du Soir', 'Nordic Wire', 'Pacific Ledger', 'Kyiv Morning', 'Seoul Herald', 'El Observador', 'Tageszeitung Nord', 'Gazeta Wolna', 'Atlas Review', 'The Harbour Post'];
const TOPICS = ['talks', 'sanctions', 'elections', 'floods', 'trade deal', 'ceasefire', 'budget', 'summit', 'strike', 'reform', 'drought', 'merger', 'inquiry', 'vaccine rollout', 'border dispute'];

/** Words for the rest of a quote: English, as most of a reader's articles are, with a little French and German. */
const PROSE = (
  'the a of and to in said that for on with was as by at from it his her their its has have had will would could ' +
  'which who after before during while under over between against about government minister officials report ' +
  'country city week year months talks agreement meeting support plan question people forces police court vote ' +
  'economy market prices workers company investors announced confirmed denied warned called told added according ' +
  'spokesperson statement interview visit capital region border security crisis decision law parliament election ' +
  'campaign leaders allies military aid weapons energy gas oil water schools hospital families residents villages ' +
  'since then also again only still already more most many several new former senior local national international ' +
  'last first second third long short early late quickly carefully publicly privately closely widely sharply ' +
  'nouvelle politique accord gouvernement semaine Regierung Woche Abkommen Verhandlungen'
).split(' ');

/** Titles a person is named with in quotes (the cues of a bare surname, as `aliasesFor` gives them). */
const TITLES = ['President', 'Minister', 'Senator', 'Governor', 'Mayor', 'General', 'Ambassador', 'Judge', 'Dr', 'Ms', 'Mr'];

const DESCRIPTIONS: Record<EntityKind, string[]> = {
  person: ['politician and former minister', 'chief executive of a regional bank', 'novelist and essayist', 'general in command of the northern district', 'human rights lawyer', 'football coach', 'climate scientist', 'trade union leader', 'diplomat, ambassador to the United Nations'],
  organisation: ['political party founded in 1998', 'state-owned energy company', 'international development agency', 'non-governmental organisation for press freedom', 'regional airline', 'research university'],
  place: ['port city on the northern coast', 'mountain region near the border', 'capital of the eastern province', 'industrial town on the river', 'island in the southern sea'],
  treaty: ['agreement on trade and customs', 'arms control treaty', 'accord on fishing rights', 'convention on cross-border rivers'],
  equipment: ['main battle tank', 'long-range drone', 'air defence system', 'patrol frigate', 'self-propelled howitzer'],
  event: ['summit of heads of government', 'general election', 'earthquake of magnitude 6.8', 'regional games', 'international conference'],
};

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** One made-up entity, before it is placed in an article. */
interface Made {
  id: string;
  name: string;
  kind: EntityKind;
  /** Other forms than the name (transliterations, acronyms, short forms). */
  forms: string[];
  description: string;
}

class Names {
  private readonly used = new Set<string>();
  private serial = 0;
  constructor(private readonly random: Random) {}

  /** A made-up entity of `kind`, its name unique in the library (as the matcher reads it). */
  make(kind: EntityKind): Made {
    for (let attempt = 0; ; attempt++) {
      const made = this.attempt(kind, attempt > 20);
      const key = `${made.kind}:${aliasKey(made.name)}`;
      if (this.used.has(key) || aliasKey(made.name) === '') continue;
      this.used.add(key);
      return made;
    }
  }

  /** Marks a name as taken (the real names). */
  take(kind: EntityKind, name: string): void {
    this.used.add(`${kind}:${aliasKey(name)}`);
  }

  private id(name: string): string {
    return kebabId(name) || `${kebabId(pick(this.random, ['entity', 'name', 'note']))}-${++this.serial}`;
  }

  private surname(language: Language, fresh: boolean): string {
    const random = this.random;
    if (!fresh || !language.syllables || random() < 0.35) return pick(random, language.surnames);
    const base = pick(random, language.surnames);
    // A surname of the language's own sounds: a known one with a syllable or two more.
    let made = base + pick(random, language.syllables);
    if (random() < 0.3) made += pick(random, language.syllables);
    return made;
  }

  private attempt(kind: EntityKind, fresh: boolean): Made {
    const random = this.random;
    switch (kind) {
      case 'person': {
        const language = pick(random, LANGUAGES);
        const given = pick(random, language.given);
        const surname = this.surname(language, fresh || random() < 0.7);
        const forms: string[] = [];
        let name: string;
        if (language.order === 'family-first-joined') name = surname + given;
        else if (language.order === 'family-first') name = `${surname} ${given}`;
        else name = `${given} ${random() < 0.15 ? `${pick(random, language.given).charAt(0)}. ` : ''}${surname}`;
        const latin = language.latin;
        // Articles name people by their surname after the first mention: a capture keeps it as an alias (which then
        // needs evidence). A one-character Han surname is no name alone.
        if (language.order !== 'family-first-joined' && random() < 0.8) forms.push(surname);
        if (latin && latin[surname] && random() < 0.6) forms.push(`${latin[given] ?? given} ${latin[surname]}`.trim());
        if (language.order === 'family-first-joined' && random() < 0.3) forms.push(given);
        return { id: this.id(latin?.[surname] ? `${latin[given] ?? ''} ${latin[surname]}` : name), name, kind, forms, description: pick(random, DESCRIPTIONS.person) };
      }
      case 'organisation': {
        const field = pick(random, ORG_FIELDS);
        const head = pick(random, ORG_HEADS);
        const type = pick(random, ORG_KINDS);
        const where = random() < 0.5 ? ` of ${pick(random, PLACE_ROOTS)}${pick(random, PLACE_ENDS)}` : '';
        const name = random() < 0.5 ? `${head} ${field} ${type}${where}` : `${head} ${type}${where}`;
        const words = name.split(' ').filter((word) => /^\p{Lu}/u.test(word));
        const forms = random() < 0.7 ? [words.map((word) => word.charAt(0)).join('').toUpperCase()] : [];
        return { id: this.id(name), name, kind, forms, description: pick(random, DESCRIPTIONS.organisation) };
      }
      case 'place': {
        const roll = random();
        const stem = `${pick(random, PLACE_ROOTS)}${pick(random, PLACE_ENDS)}${fresh ? pick(random, ['', 'a', 'i', 'en', 'ov']) : ''}`;
        let name: string;
        if (roll < 0.12) name = pick(random, NON_LATIN_PLACES) + (fresh ? ` ${between(random, 2, 99)}` : '');
        else if (roll < 0.45) name = `${pick(random, PLACE_HEADS)} ${stem}`;
        else name = stem;
        return { id: this.id(name), name, kind, forms: [], description: pick(random, DESCRIPTIONS.place) };
      }
      case 'treaty': {
        const stem = `${pick(random, PLACE_ROOTS)}${pick(random, PLACE_ENDS)}`;
        const name = pick(random, TREATY_FORMS).replace('%', stem) + (random() < 0.3 ? ` of ${between(random, 1950, 2024)}` : '');
        return { id: this.id(name), name, kind, forms: [], description: pick(random, DESCRIPTIONS.treaty) };
      }
      case 'equipment': {
        const model = `${pick(random, ['T', 'M', 'K', 'F', 'Su', 'Mk', 'AH', 'XR'])}-${between(random, 2, 999)}`;
        const name = random() < 0.6 ? `${model} ${pick(random, EQUIPMENT_NAMES)}` : `${pick(random, EQUIPMENT_NAMES)} ${between(random, 1, 9)}${pick(random, ['', 'A', 'M', 'E'])}`;
        return { id: this.id(name), name, kind, forms: random() < 0.4 ? [name.split(' ')[0]] : [], description: pick(random, EQUIPMENT_KINDS) };
      }
      case 'event': {
        const stem = `${pick(random, PLACE_ROOTS)}${pick(random, PLACE_ENDS)}`;
        const name = `${pick(random, EVENT_FORMS).replace('%', stem)} ${between(random, 1990, 2025)}`;
        return { id: this.id(name), name, kind, forms: [], description: pick(random, DESCRIPTIONS.event) };
      }
    }
  }
}

const KIND_WEIGHTS: [EntityKind, number][] = [
  ['person', 0.42],
  ['organisation', 0.22],
  ['place', 0.2],
  ['event', 0.07],
  ['treaty', 0.04],
  ['equipment', 0.05],
];

function randomKind(random: Random): EntityKind {
  let roll = random();
  for (const [kind, weight] of KIND_WEIGHTS) if ((roll -= weight) < 0) return kind;
  return 'person';
}

/** A sentence of 15–40 words naming `name` (as written, or a form of it), ending with a full stop. */
function sentence(random: Random, name: string, kind: EntityKind): string {
  const length = between(random, 15, 40);
  const at = between(random, 0, Math.min(8, length - 1));
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    if (i === at) {
      words.push(kind === 'person' && random() < 0.25 ? `${pick(random, TITLES)} ${name}` : name);
      continue;
    }
    let word = pick(random, PROSE);
    if (random() < 0.04) word = String(between(random, 2, 2025));
    words.push(word);
  }
  let text = words.join(' ');
  if (random() < 0.2) text = `“${text},” ${pick(random, ['she', 'he', 'they', 'officials'])} said`;
  text = capitalise(text);
  return `${text}.`;
}

export interface GeneratedLibrary {
  bundles: Bundle[];
  /** Entities over all bundles (an entity several articles know counts once per article). */
  entities: number;
  quotes: number;
}

export const LIBRARY_SEED = 0x5ca1e;

/**
 * `articles` bundles, the newest first (as the library lists them). `seed` picks another library of the same
 * shape.
 */
export function generateLibrary(articles: number, seed = LIBRARY_SEED): GeneratedLibrary {
  const random = prng(seed);
  const names = new Names(random);
  for (const real of REAL) names.take(real.kind, real.name);
  const real: Made[] = REAL.map((entity) => ({
    id: kebabId(entity.name),
    name: entity.name,
    kind: entity.kind,
    forms: entity.aliases ?? [],
    description: pick(random, DESCRIPTIONS[entity.kind]),
  }));
  /** Entities that recur: the real ones, and made-up ones that become news for a while. */
  const recurring: Made[] = [...real];
  const bundles: Bundle[] = [];
  const takenIds = new Set<string>();
  let entityCount = 0;
  let quoteCount = 0;
  const start = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2025, 11, 31) - start;

  for (let n = 0; n < articles; n++) {
    const count = between(random, 22, 38);
    const chosen: Made[] = [];
    const inArticle = new Set<string>();
    const take = (made: Made) => {
      if (inArticle.has(made.id)) return;
      inArticle.add(made.id);
      chosen.push(made);
    };
    // About a fifth of an article's entities were in the news before (popular ones more often).
    const again = Math.round(count * (0.12 + random() * 0.14));
    for (let i = 0; i < again && recurring.length > 0; i++) {
      const skewed = Math.floor(recurring.length * random() * random());
      take(recurring[skewed]);
    }
    while (chosen.length < count) {
      const made = names.make(randomKind(random));
      take(made);
      if (random() < 0.08) recurring.push(made);
    }

    const title = `${pick(random, chosen.filter((made) => made.kind !== 'person').concat(chosen)).name} ${pick(random, ['faces', 'weighs', 'opens', 'ends', 'rejects', 'backs'])} ${pick(random, TOPICS)} as ${pick(random, chosen).name} ${pick(random, ['visits', 'warns', 'responds', 'steps in'])}`;
    const date = new Date(start + Math.floor(random() * span)).toISOString().slice(0, 10);
    const publisher = pick(random, PUBLISHERS);
    const base = kebabId(title) || 'article';
    let id = base;
    for (let k = 2; takenIds.has(id); k++) id = `${base}-${k}`;
    takenIds.add(id);

    // The article's text is its quotes, in order: each quote's start is its offset there.
    let offset = 0;
    const entities: Entity[] = [];
    const keysTaken = new Map<string, string>();
    for (const made of chosen) {
      const aliases = aliasesFor({ name: made.name, kind: made.kind, aliases: made.forms });
      // Two entities of one bundle may not share a name or an alias (parseBundle): the later one gives way.
      const own = aliases.filter((alias) => {
        const key = aliasKey(alias.text);
        const owner = keysTaken.get(key);
        return owner === undefined || owner === made.id;
      });
      if (own.length === 0 || own[0].text !== made.name) continue;
      for (const alias of own) keysTaken.set(aliasKey(alias.text), made.id);
      const facts: Fact[] = [];
      const quotes = random() < 0.12 ? 1 : between(random, 2, 9);
      for (let q = 0; q < quotes; q++) {
        const form = q > 0 && own.length > 1 && random() < 0.3 ? pick(random, own.slice(1)).text : made.name;
        const quote = sentence(random, form, made.kind);
        facts.push({ quote, start: offset });
        offset += quote.length + 1;
      }
      entities.push({
        id: made.id,
        name: made.name,
        kind: made.kind,
        description: random() < 0.3 ? `Named in “${title}”` : made.description,
        aliases: own,
        facts,
        related: [],
      });
    }
    // Related: a few others of the same article.
    for (const entity of entities) {
      const others = entities.filter((other) => other !== entity);
      const wanted = Math.min(others.length, between(random, 0, 6));
      const related = new Set<string>();
      while (related.size < wanted) related.add(pick(random, others).id);
      entity.related = [...related];
    }
    const bundle: Bundle = {
      schemaVersion: 1,
      id,
      source: { title, date, publisher, url: `https://news.example/${date.replaceAll('-', '/')}/${id}` },
      entities,
    };
    const parsed = parseBundle(bundle);
    if (!parsed.ok) throw new Error(`generated bundle ${id} is not valid: ${parsed.errors.slice(0, 3).join('; ')}`);
    bundles.push(parsed.bundle);
    entityCount += entities.length;
    quoteCount += entities.reduce((sum, entity) => sum + entity.facts.length, 0);
  }
  // Newest first, as the library keeps them.
  bundles.sort((a, b) => (a.source.date < b.source.date ? 1 : a.source.date > b.source.date ? -1 : 0));
  return { bundles, entities: entityCount, quotes: quoteCount };
}

/** A library file, as the options page exports and imports it (schema 1: bundles only). */
export function libraryFile(bundles: Bundle[], exportedAt = '2026-01-01T00:00:00.000Z') {
  return {
    format: 'side-notes-library',
    schemaVersion: 1,
    exportedAt,
    bundles: bundles.map((bundle, i) => ({ enabled: true, builtIn: false, hidden: false, addedAt: new Date(Date.parse(exportedAt) - i * 60_000).toISOString(), bundle })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const articles = Number(process.argv[2] ?? 1000);
  const out = resolve(process.argv[3] ?? join('.generated', `library-${articles}.json`));
  const began = performance.now();
  const library = generateLibrary(articles);
  mkdirSync(dirname(out), { recursive: true });
  const json = JSON.stringify(libraryFile(library.bundles));
  writeFileSync(out, json);
  console.log(
    `${articles} articles, ${library.entities.toLocaleString('en-US')} entities, ${library.quotes.toLocaleString('en-US')} quotes ` +
      `→ ${out} (${(json.length / 1e6).toFixed(1)} MB) in ${((performance.now() - began) / 1000).toFixed(1)} s`,
  );
}
