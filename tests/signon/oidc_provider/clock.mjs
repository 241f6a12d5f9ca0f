// CI's late-evening run shifts every Python process's wall clock by
// LIBRARY_CLOCK_OFFSET_SECONDS (.ci/late_evening/sitecustomize.py). This
// provider stands for a real one, whose clock agrees with the application's:
// it shifts its own the same way. Imported before oidc-provider.
const offsetMs = Number(process.env.LIBRARY_CLOCK_OFFSET_SECONDS || 0) * 1000;

if (offsetMs) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) {
        super(RealDate.now() + offsetMs);
      } else {
        super(...args);
      }
    }

    static now() {
      return RealDate.now() + offsetMs;
    }
  }
  globalThis.Date = ShiftedDate;
}
