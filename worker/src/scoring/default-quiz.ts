/**
 * The quiz every store starts with: BANT (budget, authority, need, timeline) plus location, the
 * criteria the source document names, for a Turkish e-commerce / B2B store. Stores edit it.
 */
import type { Option, QuizDefinition } from '../../../contract'

const option = (value: string, tr: string, en: string, points = 0, knockout = false): Option => ({
  value,
  label: { tr, en },
  points,
  knockout,
})

export const DEFAULT_QUIZ: QuizDefinition = {
  title: { tr: 'Size nasıl yardımcı olabiliriz?', en: 'How can we help you?' },
  intro: {
    tr: 'Birkaç kısa soru, size en uygun teklifi hazırlamamıza yardımcı olur. Yaklaşık 1 dakika.',
    en: 'A few short questions help us prepare the offer that fits you best. About one minute.',
  },
  questions: [
    {
      id: 'location',
      kind: 'location',
      text: { tr: 'Nerede hizmet almak istiyorsunuz?', en: 'Where do you need our service?' },
      required: true,
      criterion: 'location',
      field: 'location',
      options: [
        option('istanbul', 'İstanbul', 'Istanbul', 10),
        option('ankara', 'Ankara', 'Ankara', 10),
        option('izmir', 'İzmir', 'Izmir', 10),
        option('bursa', 'Bursa', 'Bursa', 10),
        option('kocaeli', 'Kocaeli', 'Kocaeli', 10),
        option('antalya', 'Antalya', 'Antalya', 8),
        option('tr_other', 'Türkiye’de başka bir il', 'Elsewhere in Türkiye', 8),
        option('cyprus', 'Kuzey Kıbrıs', 'Northern Cyprus', 5),
        option('azerbaijan', 'Azerbaycan', 'Azerbaijan', 5),
        option('germany', 'Almanya', 'Germany', 5),
        option('netherlands', 'Hollanda', 'Netherlands', 5),
        option('other', 'Başka bir ülke', 'Another country', 0, true),
      ],
      // Outside the service area: nothing else we could ask changes the outcome.
      jumps: [{ when: { question: 'location', op: 'eq', value: 'other' }, to: '$end' }],
    },
    {
      id: 'role',
      kind: 'single',
      text: { tr: 'Şirketteki göreviniz nedir?', en: 'What is your role in the company?' },
      required: true,
      criterion: 'authority',
      field: 'role',
      options: [
        option('owner', 'Şirket sahibi / kurucu', 'Owner / founder', 10),
        option('manager', 'Yönetici / departman müdürü', 'Manager / head of department', 7),
        option('purchasing', 'Satın alma uzmanı', 'Purchasing specialist', 5),
        option('employee', 'Çalışan', 'Employee', 2),
        option('individual', 'Bireysel / öğrenci', 'Individual / student', 0),
      ],
    },
    {
      id: 'decider',
      kind: 'single',
      text: { tr: 'Satın alma kararını kim veriyor?', en: 'Who makes the purchasing decision?' },
      required: true,
      criterion: 'authority',
      showIf: { question: 'role', op: 'neq', value: 'owner' },
      options: [
        option('me', 'Ben karar veriyorum', 'I decide', 10),
        option(
          'together',
          'Ekip olarak birlikte karar veriyoruz',
          'We decide together as a team',
          6,
        ),
        option('someone_else', 'Yöneticim / başka biri', 'My manager / someone else', 2),
        option('unknown', 'Henüz belli değil', 'Not clear yet', 0),
      ],
    },
    {
      id: 'budget',
      kind: 'number',
      text: {
        tr: 'Bu iş için ayırdığınız yaklaşık bütçe nedir?',
        en: 'Roughly what budget have you set aside for this?',
      },
      help: {
        tr: 'KDV hariç, Türk lirası olarak. Kesin olması gerekmez.',
        en: 'Excluding VAT, in Turkish lira. It does not need to be exact.',
      },
      required: true,
      criterion: 'budget',
      field: 'budget',
      number: {
        min: 0,
        max: 5_000_000,
        step: 5_000,
        unit: { tr: 'TL', en: 'TRY' },
        display: 'slider',
        bands: [
          { max: 25_000, points: 0, knockout: false },
          { min: 25_000, max: 100_000, points: 4, knockout: false },
          { min: 100_000, max: 250_000, points: 7, knockout: false },
          { min: 250_000, points: 10, knockout: false },
        ],
      },
    },
    {
      id: 'needs',
      kind: 'multiple',
      text: { tr: 'Hangi konularda destek arıyorsunuz?', en: 'What do you need help with?' },
      help: { tr: 'Birden fazla seçebilirsiniz.', en: 'You can pick more than one.' },
      required: true,
      criterion: 'need',
      options: [
        option('wholesale', 'Toptan ürün tedariki', 'Wholesale supply', 4),
        option('private_label', 'Özel üretim / kendi markam', 'Private label production', 4),
        option(
          'integration',
          'E-ticaret ve pazaryeri entegrasyonu',
          'Store and marketplace integration',
          3,
        ),
        option('logistics', 'Lojistik ve kargo', 'Logistics and shipping', 2),
        option('support', 'Satış sonrası destek', 'After-sales support', 1),
        option('browsing', 'Sadece fikir ediniyorum', 'Just looking around', -3),
      ],
    },
    {
      id: 'timeline',
      kind: 'single',
      text: { tr: 'Ne zaman başlamayı planlıyorsunuz?', en: 'When do you plan to start?' },
      required: true,
      criterion: 'timeline',
      field: 'timeline',
      options: [
        option('this_month', 'Bu ay', 'This month', 10),
        option('quarter', '3 ay içinde', 'Within 3 months', 7),
        option('half_year', '6 ay içinde', 'Within 6 months', 4),
        option('year', 'Bu yıl içinde', 'This year', 2),
        option('no_plan', 'Henüz bir planım yok', 'No plan yet', 0),
      ],
      // No plan yet: the supplier question does not help a rep; go to the notes.
      jumps: [{ when: { question: 'timeline', op: 'eq', value: 'no_plan' }, to: 'notes' }],
    },
    {
      id: 'supplier',
      kind: 'yes_no',
      text: {
        tr: 'Şu anda bu konuda çalıştığınız bir tedarikçi var mı?',
        en: 'Do you currently work with a supplier for this?',
      },
      required: false,
      criterion: 'need',
      field: 'has_supplier',
      options: [option('yes', 'Evet', 'Yes', 2), option('no', 'Hayır', 'No', 1)],
    },
    {
      id: 'notes',
      kind: 'text',
      text: {
        tr: 'Eklemek istediğiniz bir şey var mı?',
        en: 'Anything else you would like to add?',
      },
      required: false,
      field: 'notes',
      maxLength: 500,
    },
  ],
  criteria: [
    { id: 'location', label: { tr: 'Konum', en: 'Location' }, weight: 1 },
    { id: 'budget', label: { tr: 'Bütçe', en: 'Budget' }, weight: 3 },
    { id: 'authority', label: { tr: 'Karar yetkisi', en: 'Decision-making power' }, weight: 2 },
    { id: 'need', label: { tr: 'İhtiyaç uyumu', en: 'Fit of need' }, weight: 2 },
    { id: 'timeline', label: { tr: 'Zamanlama', en: 'Timeline' }, weight: 2 },
  ],
  thresholds: { qualified: 60, review: 40 },
  endings: {
    qualified: {
      title: { tr: 'Harika, birlikte çalışabiliriz!', en: 'Great, we can work together!' },
      body: {
        tr: 'İhtiyaçlarınızı konuşmak ve size özel bir demo göstermek için bir görüşme ayarlayalım.',
        en: 'Let’s book a call to talk through your needs and show you a demo tailored to you.',
      },
      action: 'book_demo',
    },
    review: {
      title: { tr: 'Teşekkürler!', en: 'Thank you!' },
      body: {
        tr: 'Yanıtlarınızı bir satış temsilcimiz inceleyip en kısa sürede sizinle iletişime geçecek.',
        en: 'One of our sales team will look at your answers and get back to you shortly.',
      },
      action: 'none',
    },
    disqualified: {
      title: { tr: 'Teşekkürler!', en: 'Thank you!' },
      body: {
        tr: 'Şu an size en iyi şekilde yardımcı olamayabiliriz. Yanıtlarınızı not ettik; uygun bir fırsat olduğunda size haber vereceğiz.',
        en: 'We may not be the best fit for you right now. We have noted your answers and will let you know when there is a good match.',
      },
      action: 'none',
    },
  },
}
