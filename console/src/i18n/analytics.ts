/** The analytics screen's words, Turkish and English (stage names come from the shared files). */
import type { Locale } from '../../../contract'

const tr = {
  heading: 'Analiz',
  intro:
    'Her çubuğun sayısı yanında yazar; ayrıntısı üzerine gelince ya da Tab ile odaklanınca ' +
    'görünür, tablosu grafiğin altındadır.',
  chartHelp: 'Çubuklar arasında ok tuşlarıyla gezinin; Home ilk, End son çubuğa gider.',
  table: 'Sayılar tablo olarak',
  loading: 'Yükleniyor…',
  refreshing: 'Güncelleniyor…',
  failed: (why: string) => `Yüklenemedi. ${why}`,
  retry: 'Yeniden dene',
  range: {
    legend: 'Tarih aralığı',
    preset: 'Dönem',
    last: (n: number) => `Son ${n} gün`,
    custom: 'Özel aralık',
    from: 'Başlangıç günü',
    to: 'Bitiş günü',
    apply: 'Uygula',
    shown: (from: string, to: string) => `Gösterilen: ${from} – ${to} (UTC günleri)`,
    missing: 'Başlangıç ve bitiş günlerini seçin.',
    order: 'Başlangıç günü bitiş gününden sonra olamaz.',
    tooLong: (max: number) => `Aralık en fazla ${max} gün olabilir.`,
  },
  filters: {
    legend: 'Huni filtreleri (yalnızca huniye uygulanır)',
    owner: 'Sorumlu',
    source: 'Kaynak',
    pipeline: 'Satış hattı',
    all: 'Tümü',
  },
  names: { direct: 'Doğrudan', unassigned: 'Atanmamış' },
  funnel: {
    heading: 'Huni',
    stages: 'Aşamalara giren adaylar',
    bar: (stage: string, count: string, ofFirst: string, drop: string | null) =>
      `${stage}: ${count} aday, ilk adıma göre ${ofFirst}` +
      (drop ? `, sonraki adıma geçmeyen ${drop}` : ''),
    head: [
      'Aşama',
      'Giren',
      'İlk adıma göre',
      'Sonraki adıma geçen',
      'Burada kaybedilen',
      'Geçmeyen',
    ],
    empty: 'Bu aralıkta hiçbir aşamaya aday girmedi.',
    widget: 'Widget adımları',
    steps: {
      formCaptured: 'Form: gönderilen',
      quizStarted: 'Test: başlanan',
      quizCompleted: 'Test: tamamlanan',
      bookingMade: 'Görüşme: ayarlanan',
      bookingHeld: 'Görüşme: yapılan',
      quoteSent: 'Teklif: gönderilen',
      quoteViewed: 'Teklif: görüntülenen',
      quoteAccepted: 'Teklif: kabul edilen',
    },
    step: (step: string, count: string, ofPrevious: string | null) =>
      `${step}: ${count}` + (ofPrevious ? `, bir önceki adıma göre ${ofPrevious}` : ''),
    stepHead: ['Adım', 'Sayı', 'Bir önceki adıma göre'],
    widgetEmpty: 'Bu aralıkta widget etkinliği yok.',
  },
  time: {
    heading: 'Aşamada geçen süre',
    chart: 'Aşama başına ortanca ve %90 süre',
    legend: ['Ortanca', '%90’lık dilim'] as [string, string],
    median: (stage: string, d: string, stays: string) => `${stage}, ortanca: ${d} (${stays} kalış)`,
    p90: (stage: string, d: string) => `${stage}, %90’lık dilim: ${d}`,
    none: (stage: string) => `${stage}: bu aralıkta tamamlanan kalış yok`,
    medianText: (d: string) => `ortanca ${d}`,
    p90Text: (d: string) => `%90: ${d}`,
    head: ['Aşama', 'Tamamlanan kalış', 'Ortanca', '%90’lık dilim'],
    bottleneck: (stage: string, d: string) =>
      `Darboğaz: ${stage}. Adaylar bu aşamada ortanca ${d} kalıyor; diğer aşamalardan uzun.`,
    noBottleneck: (min: number) =>
      `Darboğaz belirlenemedi: en az ${min} tamamlanmış kalışı olan aşama yok.`,
    empty: 'Bu aralıkta tamamlanan aşama kalışı yok.',
  },
  forecast: {
    heading: 'Aylara göre gelir tahmini',
    about: (day: string) =>
      `Tahmin seçilen aralıktan bağımsızdır: ${day} itibarıyla bu ay ve sonraki beş ay. ` +
      'Ağırlıklı tutar, her fırsatın değeri çarpı kazanma olasılığıdır; en iyi durum, hepsinin ' +
      'kazanılmasıdır.',
    ahead: 'Gelecek aylar',
    legend: ['Ağırlıklı', 'En iyi durum'] as [string, string],
    weighted: (month: string, amount: string, count: string) =>
      `${month}, ağırlıklı: ${amount} (${count} fırsat)`,
    best: (month: string, amount: string) => `${month}, en iyi durum: ${amount}`,
    weightedText: (amount: string) => `ağırlıklı ${amount}`,
    bestText: (amount: string) => `en iyi ${amount}`,
    head: ['Ay', 'Fırsat', 'Ağırlıklı', 'En iyi durum'],
    empty: 'Açık fırsat yok; tahmin edilecek bir şey yok.',
    past: 'Geçmiş aylar: tahmin ve kazanılan',
    pastLegend: ['Tahmin', 'Kazanılan'] as [string, string],
    pastForecast: (month: string, amount: string, day: string) =>
      `${month}, ${day} tarihli tahmin: ${amount}`,
    noSnapshot: (month: string) => `${month}: o ay için kayıtlı tahmin yok`,
    won: (month: string, amount: string) => `${month}, kazanılan: ${amount}`,
    forecastText: (amount: string) => `tahmin ${amount}`,
    wonText: (amount: string) => `kazanılan ${amount}`,
    pastHead: ['Ay', 'Tahmin günü', 'Tahmin', 'Kazanılan'],
    noPast:
      'Geçmiş aylar için henüz kayıtlı tahmin yok: günlük çalışma her gün tahminin bir ' +
      'kopyasını saklar.',
  },
  winRates: {
    heading: 'Kazanma oranı ve kayıp nedenleri',
    overall: (rate: string, won: string, lost: string) =>
      `Genel kazanma oranı ${rate}: ${won} kazanılan, ${lost} kaybedilen.`,
    chart: 'Kaynağa göre kazanma oranı',
    bar: (source: string, rate: string, won: string, lost: string, n: string) =>
      `${source}: kazanma oranı ${rate}, ${won} kazanılan, ${lost} kaybedilen (n=${n})`,
    noneClosed: (source: string) => `${source}: kapanan fırsat yok`,
    head: ['Kaynak', 'Kazanılan', 'Kaybedilen', 'n', 'Kazanma oranı', 'Ortalama kazanılan'],
    empty: 'Bu aralıkta kapanan fırsat yok.',
    reasons: 'Kayıp nedenleri',
    reason: (reason: string, count: string, share: string) =>
      `${reason}: ${count} kayıp, kayıpların ${share}`,
    reasonHead: ['Neden', 'Kayıp', 'Pay'],
    noReasons: 'Bu aralıkta kaybedilen fırsat yok.',
  },
}

export type AnalyticsMessages = typeof tr

const en: AnalyticsMessages = {
  heading: 'Analytics',
  intro:
    'Each bar has its number beside it; hover or Tab to a bar for the details, and find its ' +
    'table below the chart.',
  chartHelp: 'Use the arrow keys to move between bars; Home goes to the first, End to the last.',
  table: 'Numbers as a table',
  loading: 'Loading…',
  refreshing: 'Updating…',
  failed: (why) => `Could not load. ${why}`,
  retry: 'Try again',
  range: {
    legend: 'Date range',
    preset: 'Period',
    last: (n) => `Last ${n} days`,
    custom: 'Custom range',
    from: 'First day',
    to: 'Last day',
    apply: 'Apply',
    shown: (from, to) => `Showing ${from} – ${to} (UTC days)`,
    missing: 'Choose the first and the last day.',
    order: 'The first day cannot be after the last day.',
    tooLong: (max) => `A range can cover at most ${max} days.`,
  },
  filters: {
    legend: 'Funnel filters (they apply to the funnel only)',
    owner: 'Owner',
    source: 'Source',
    pipeline: 'Pipeline',
    all: 'All',
  },
  names: { direct: 'Direct', unassigned: 'Unassigned' },
  funnel: {
    heading: 'Funnel',
    stages: 'Leads entering each stage',
    bar: (stage, count, ofFirst, drop) =>
      `${stage}: ${count} leads, ${ofFirst} of the first step` +
      (drop ? `, ${drop} did not move on` : ''),
    head: ['Stage', 'Entered', 'Of the first step', 'Moved on', 'Lost here', 'Did not move on'],
    empty: 'No lead entered any stage in this range.',
    widget: 'Widget steps',
    steps: {
      formCaptured: 'Form: submitted',
      quizStarted: 'Quiz: started',
      quizCompleted: 'Quiz: completed',
      bookingMade: 'Meeting: booked',
      bookingHeld: 'Meeting: held',
      quoteSent: 'Quote: sent',
      quoteViewed: 'Quote: viewed',
      quoteAccepted: 'Quote: accepted',
    },
    step: (step, count, ofPrevious) =>
      `${step}: ${count}` + (ofPrevious ? `, ${ofPrevious} of the step before` : ''),
    stepHead: ['Step', 'Count', 'Of the step before'],
    widgetEmpty: 'No widget activity in this range.',
  },
  time: {
    heading: 'Time in stage',
    chart: 'Median and 90th percentile time per stage',
    legend: ['Median', '90th percentile'],
    median: (stage, d, stays) => `${stage}, median: ${d} (${stays} stays)`,
    p90: (stage, d) => `${stage}, 90th percentile: ${d}`,
    none: (stage) => `${stage}: no completed stays in this range`,
    medianText: (d) => `median ${d}`,
    p90Text: (d) => `p90 ${d}`,
    head: ['Stage', 'Completed stays', 'Median', '90th percentile'],
    bottleneck: (stage, d) =>
      `Bottleneck: ${stage}. Leads stay there for a median of ${d}, longer than in any other stage.`,
    noBottleneck: (min) => `No bottleneck yet: no stage has at least ${min} completed stays.`,
    empty: 'No completed stays in this range.',
  },
  forecast: {
    heading: 'Revenue forecast by month',
    about: (day) =>
      `The forecast does not depend on the range: this month and the next five, as of ${day}. ` +
      'Weighted is each deal’s value times its win probability; best case is winning them all.',
    ahead: 'Coming months',
    legend: ['Weighted', 'Best case'],
    weighted: (month, amount, count) => `${month}, weighted: ${amount} (${count} deals)`,
    best: (month, amount) => `${month}, best case: ${amount}`,
    weightedText: (amount) => `weighted ${amount}`,
    bestText: (amount) => `best ${amount}`,
    head: ['Month', 'Deals', 'Weighted', 'Best case'],
    empty: 'No open deals, so nothing to forecast.',
    past: 'Past months: forecast and won',
    pastLegend: ['Forecast', 'Won'],
    pastForecast: (month, amount, day) => `${month}, forecast of ${day}: ${amount}`,
    noSnapshot: (month) => `${month}: no forecast was kept for that month`,
    won: (month, amount) => `${month}, won: ${amount}`,
    forecastText: (amount) => `forecast ${amount}`,
    wonText: (amount) => `won ${amount}`,
    pastHead: ['Month', 'Forecast day', 'Forecast', 'Won'],
    noPast: 'No past forecasts are kept yet: the daily run keeps a copy of the forecast each day.',
  },
  winRates: {
    heading: 'Win rate and lost reasons',
    overall: (rate, won, lost) => `Overall win rate ${rate}: ${won} won, ${lost} lost.`,
    chart: 'Win rate by source',
    bar: (source, rate, won, lost, n) =>
      `${source}: win rate ${rate}, ${won} won, ${lost} lost (n=${n})`,
    noneClosed: (source) => `${source}: no closed deals`,
    head: ['Source', 'Won', 'Lost', 'n', 'Win rate', 'Average won'],
    empty: 'No deals closed in this range.',
    reasons: 'Lost reasons',
    reason: (reason, count, share) => `${reason}: ${count} lost, ${share} of losses`,
    reasonHead: ['Reason', 'Lost', 'Share'],
    noReasons: 'No deals were lost in this range.',
  },
}

export const analyticsText: Record<Locale, AnalyticsMessages> = { tr, en }
