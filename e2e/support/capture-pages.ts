/**
 * Pages for the capture journey, written for the tests (not copied from anywhere): a news article to take notes
 * from, and another page that names its people, places and organisations in other words.
 */

export const VILNIUS_TITLE = 'Allies gather in Vilnius as Lithuania hosts its first summit';

const VILNIUS_PARAGRAPHS = [
  'VILNIUS — Lithuanian President Gitanas Nauseda welcomed allied leaders to Vilnius on Tuesday for a summit that he called the most important in a generation.',
  'NATO Secretary General Stoltenberg told reporters that the alliance would triple the number of troops on high readiness along its eastern flank.',
  'Nauseda said Lithuania would host a permanent brigade of German soldiers near the border with Belarus by the end of the decade.',
  'Finnish President Sauli Niinisto attended his first summit as the leader of a member state, after Finland joined the alliance in April.',
  'Niinisto said the Baltic Sea had become safer since Finland joined, and that Helsinki would keep its defence budget above two per cent of economic output.',
  'The Organization for Security and Co-operation in Europe sent observers to the summit, and the OSCE said it would publish their report in September.',
  'Security was tight across Vilnius, where Patriot air defence systems were brought in from Germany and Spain for the two days of talks.',
];

/** A news article's page: the site's name and the day in its metadata, a heading and the body in `<article>`. */
export function newsPage({ title, site, published, body }: { title: string; site: string; published: string; body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${title} | ${site}</title>
  <meta property="og:site_name" content="${site}">
  <meta property="article:published_time" content="${published}">
  <style>body { font: 18px/1.6 Georgia, serif; max-width: 680px; margin: 40px auto; padding: 0 24px; }</style>
</head>
<body>
  <header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
  <main>
    <article>
      <h1>${title}</h1>
      ${body}
    </article>
  </main>
  <footer><p>© ${site}</p></footer>
</body>
</html>`;
}

export function vilniusArticle(): string {
  return newsPage({
    title: VILNIUS_TITLE,
    site: 'The Baltic Courier',
    published: '2023-07-11T08:00:00Z',
    body: VILNIUS_PARAGRAPHS.map((paragraph) => `<p>${paragraph}</p>`).join('\n      '),
  });
}

/** Another page, later: it names the article's entities in its own words, and Stoltenberg, whom the seed knows too. */
export function followUpPage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>After the summit</title>
<style>body { font: 18px/1.6 system-ui, sans-serif; max-width: 680px; margin: 40px auto; padding: 0 24px; }</style></head>
<body>
  <h1>After the summit</h1>
  <p>Observers from the OSCE left Vilnius on Thursday.</p>
  <p>President Nauseda thanked Sauli Niinistö for coming.</p>
  <p>Jens Stoltenberg flew home the same evening.</p>
  <p>Nobody mentioned Spain.</p>
</body>
</html>`;
}

/** A file an import must refuse: one bundle with a bad id, an unknown kind and an entity without facts. */
export function malformedLibraryFile(good: unknown): string {
  const bundle = good as { entities: Record<string, unknown>[] };
  return JSON.stringify({
    format: 'side-notes-library',
    schemaVersion: 1,
    bundles: [
      { enabled: true, bundle: good },
      { enabled: true, bundle: { ...bundle, id: 'Bad Id', entities: [{ ...bundle.entities[0], kind: 'wizard', facts: [] }] } },
    ],
  });
}
