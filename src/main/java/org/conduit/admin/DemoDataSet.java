package org.conduit.admin;

import java.util.List;

/**
 * What {@code load-demo-data} puts into the database: five writers with a bio and an avatar, who
 * follow each other, eight tagged articles, favorites and comments. Enough for a frontend to show a
 * home page, a tag cloud, profiles, a feed and comment threads on its first start.
 */
final class DemoDataSet {

  /** Every demo account's password (listed in docs/frontend.md). */
  static final String PASSWORD = "conduit-demo";

  record DemoUser(String username, String bio) {
    String email() {
      return username + "@demo.conduit.example";
    }

    String image() {
      return "https://api.dicebear.com/9.x/initials/svg?seed=" + username;
    }
  }

  record DemoFollow(String follower, String followed) {}

  record DemoComment(String author, String body) {}

  record DemoArticle(
      String author,
      String title,
      String description,
      String body,
      List<String> tags,
      List<String> favoritedBy,
      List<DemoComment> comments) {}

  static final List<DemoUser> USERS =
      List.of(
          new DemoUser(
              "amelia",
              "Backend engineer. Writes about PostgreSQL, queues and the quiet joy of boring"
                  + " technology."),
          new DemoUser("bruno", "Frontend developer. I break CSS so that you don't have to."),
          new DemoUser("chen", "SRE by day, sourdough baker by night. Ask me about error budgets."),
          new DemoUser(
              "dana", "Product designer who codes. Accessibility first, animations second."),
          new DemoUser("emil", "Computer science student keeping a public learning log."));

  static final List<DemoFollow> FOLLOWS =
      List.of(
          new DemoFollow("bruno", "amelia"),
          new DemoFollow("chen", "amelia"),
          new DemoFollow("emil", "amelia"),
          new DemoFollow("amelia", "chen"),
          new DemoFollow("dana", "chen"),
          new DemoFollow("emil", "chen"),
          new DemoFollow("dana", "bruno"),
          new DemoFollow("emil", "dana"));

  static final List<DemoArticle> ARTICLES =
      List.of(
          new DemoArticle(
              "amelia",
              "Boring technology is a feature",
              "Why our team stopped adding databases and started shipping",
              """
              Two years ago our stack had four datastores. Today it has one, and the pager has \
              never been quieter.

              ## What we kept

              PostgreSQL for everything that needs to be true tomorrow, a single deploy \
              pipeline, and plain HTTP between services.

              ## What we gave up

              A search engine we used for one page, a cache that hid slow queries instead of \
              fixing them, and a queue that could have been a table.

              Every new tool has a cost that does not show up in its README: someone has to be \
              woken up when it breaks.
              """,
              List.of("architecture", "postgresql"),
              List.of("bruno", "chen", "dana"),
              List.of(
                  new DemoComment(
                      "chen",
                      "Couldn't agree more. Our on-call rotation got better the week we dropped"
                          + " the second cache."),
                  new DemoComment(
                      "bruno", "What is the first boring choice you would make for a new team?"),
                  new DemoComment(
                      "amelia",
                      "A hosted PostgreSQL and one way to deploy. Everything else can wait."))),
          new DemoArticle(
              "amelia",
              "Zero-downtime migrations in PostgreSQL",
              "Expand, migrate, contract: changing a schema under live traffic",
              """
              Renaming a column is one statement and one outage. Done in three releases, it is \
              neither.

              1. **Expand**: add the new column, write to both.
              2. **Migrate**: backfill in small batches, outside the deploy.
              3. **Contract**: read from the new column, then drop the old one.

              Create indexes with `CREATE INDEX CONCURRENTLY`, keep `lock_timeout` short, and \
              never hold a transaction open while a human decides what to do next.
              """,
              List.of("postgresql", "migrations", "devops"),
              List.of("chen", "emil"),
              List.of(
                  new DemoComment(
                      "emil", "Bookmarked. The expand and contract steps finally made it click."))),
          new DemoArticle(
              "bruno",
              "CSS grid for people who gave up on CSS grid",
              "Three properties that cover most real layouts",
              """
              You do not need to learn the whole specification. Start with these:

              - `grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr))` for card lists;
              - `grid-template-areas` for page layouts you can read like a drawing;
              - `gap`, and never another margin hack.

              Open the browser's grid inspector while you work: seeing the tracks is half the \
              battle.
              """,
              List.of("css", "frontend"),
              List.of("dana", "emil"),
              List.of(
                  new DemoComment(
                      "dana", "Named areas are my favourite part. Layouts as ASCII art!"))),
          new DemoArticle(
              "bruno",
              "Fetching data without a framework",
              "fetch, AbortController and a few lines of error handling",
              """
              A small page does not need a data-fetching library. It needs three habits:

              1. Check `response.ok`, then read the error body: good APIs explain themselves.
              2. Cancel what the user no longer waits for with an `AbortController`.
              3. Show something while waiting, and something else when it fails.

              If the API lives on another origin, the browser asks it first (a preflight) \
              whether your page may send `Authorization` and JSON. Make sure the server says yes.
              """,
              List.of("javascript", "frontend", "cors"),
              List.of("amelia"),
              List.of(
                  new DemoComment(
                      "amelia",
                      "And make sure the error responses carry the CORS headers too, or your"
                          + " frontend only ever sees a network error."))),
          new DemoArticle(
              "chen",
              "Error budgets, explained with bread",
              "Reliability targets for people who would rather be baking",
              """
              A sourdough starter forgives a missed feeding, not a missed week. Services are \
              the same.

              An error budget is the number of missed feedings you accept: with a 99.9 % \
              target, about 43 minutes a month. Spend it on shipping features; when it runs \
              out, spend the rest of the month on reliability.

              The point is not the number. The point is that product and operations argue \
              about the same loaf.
              """,
              List.of("sre", "devops"),
              List.of("amelia", "dana", "emil"),
              List.of(
                  new DemoComment("bruno", "Best analogy I have read all year."),
                  new DemoComment("emil", "Does a burnt loaf count as an incident?"),
                  new DemoComment("chen", "Only if the customers noticed."))),
          new DemoArticle(
              "chen",
              "What I check before a Friday deploy",
              "A short checklist, and why we still deploy on Fridays",
              """
              We deploy on Fridays because we deploy every day. The checklist is the same:

              - the change is behind a flag, or small enough to read in one sitting;
              - the rollback has been done at least once this month;
              - someone who knows the change is around for the next two hours;
              - the dashboards you will look at are open *before* you press the button.
              """,
              List.of("devops", "checklists"),
              List.of("bruno"),
              List.of()),
          new DemoArticle(
              "dana",
              "Accessible forms in five small steps",
              "Labels, errors and focus: the fixes that matter most",
              """
              Most accessibility audit findings on forms come down to five things:

              1. Every input has a visible `<label>`, not just a placeholder.
              2. Errors are text next to the field, not only a red border.
              3. The first invalid field gets the focus after a failed submit.
              4. Required fields say so in words.
              5. The form works with the keyboard alone, in a sensible order.

              None of these needs a design system. All of them help everyone, not only screen \
              reader users.
              """,
              List.of("accessibility", "frontend", "design"),
              List.of("amelia", "bruno"),
              List.of(new DemoComment("emil", "Step three fixed half of our audit findings."))),
          new DemoArticle(
              "emil",
              "My first pull request to an open source project",
              "What I was afraid of, and what actually happened",
              """
              I picked an issue labelled *good first issue*, read the contributing guide twice \
              and opened a pull request that changed eleven lines.

              The review asked for one test and a clearer commit message. That was it. Nobody \
              was unkind, and the maintainer thanked me when it was merged.

              If you are waiting to feel ready: the second pull request is much easier than the \
              first.
              """,
              List.of("open-source", "career"),
              List.of("amelia", "bruno", "chen", "dana"),
              List.of(
                  new DemoComment("amelia", "Congratulations! Now the second one."),
                  new DemoComment("dana", "Welcome to the club."))));

  private DemoDataSet() {}
}
