/** The words of the lists (leads, contacts, deals) and of the contact page. */
import type {
  ConsentSource,
  DealProbabilitySource,
  DUPLICATE_REASONS,
  Locale,
} from '../../../contract'
import { en as enShell } from './en'
import { tr as trShell } from './tr'

type DuplicateReason = (typeof DUPLICATE_REASONS)[number]

const tr = {
  stages: trShell.stages,
  statuses: { open: 'Açık', won: 'Kazanıldı', lost: 'Kaybedildi' },
  filters: 'Süzgeçler',
  all: 'Tümü',
  search: 'Ara',
  apply: 'Uygula',
  clear: 'Süzgeçleri temizle',
  owner: 'Sorumlu',
  mine: 'Bana atananlar',
  unassigned: 'Atanmamış',
  someoneElse: 'Başka bir ekip üyesi',
  none: '—',
  noName: 'İsimsiz kişi',
  sort: 'Sıralama',
  order: 'Yön',
  orders: { desc: 'Azalan (yeni/büyük önce)', asc: 'Artan (eski/küçük önce)' },
  pager: 'Sayfalar',
  previous: 'Önceki sayfa',
  next: 'Sonraki sayfa',
  firstPage: 'İlk sayfaya dön',
  loading: 'Yükleniyor…',
  loadFailed: (why: string) => `Liste yüklenemedi. ${why}`,
  retry: 'Yeniden dene',
  results: (n: number, page: number, more: boolean) =>
    `${page}. sayfa: ${n} kayıt${more ? '; devamı var' : ''}.`,
  days: (n: number) => (n === 0 ? 'bugün' : `${n} gün`),
  leads: {
    heading: 'Adaylar',
    searchLabel: 'Ara (ad, e-posta, şirket)',
    stage: 'Aşama',
    status: 'Durum',
    sorts: {
      created_at: 'Oluşturulma',
      updated_at: 'Son değişiklik',
      stage_entered_at: 'Aşamaya giriş',
      value: 'Değer',
    },
    caption: 'Adaylar',
    cols: {
      name: 'Kişi / şirket',
      stage: 'Aşama',
      status: 'Durum',
      owner: 'Sorumlu',
      value: 'Değer',
      score: 'Puan',
      days: 'Aşamada',
      created: 'Oluşturulma',
    },
    empty: 'Bu süzgeçlere uyan aday yok.',
  },
  contacts: {
    heading: 'Kişiler',
    searchLabel: 'Ara (ad, e-posta, telefon, şirket)',
    tag: 'Etiket',
    caption: 'Kişiler',
    cols: {
      name: 'Ad',
      email: 'E-posta',
      phone: 'Telefon',
      company: 'Şirket',
      tags: 'Etiketler',
      created: 'Eklenme',
    },
    empty: 'Bu süzgeçlere uyan kişi yok.',
    exportHeading: 'Dışa aktar',
    exportHelp: 'Süzgeçlere uyan tüm kişiler (yalnızca bu sayfa değil) dosyaya yazılır.',
    format: 'Biçim',
    formats: { csv: 'CSV (Excel)', ndjson: 'NDJSON (satır başına JSON)' },
    separator: 'Ayırıcı',
    separators: { semicolon: 'Noktalı virgül (Türkçe Excel)', comma: 'Virgül' },
    export: 'Dosyayı hazırla',
    exporting: 'Dosya hazırlanıyor…',
    exportReady: 'Dosya hazır.',
    download: (name: string) => `${name} dosyasını indir`,
    exportFailed: (why: string) => `Dosya hazırlanamadı. ${why}`,
    dupHeading: 'Olası tekrarlar',
    dupHelp: 'Aynı kişi gibi görünen kayıtlar. Kalacak kaydı seçip diğerlerini onunla birleştirin.',
    dupShow: 'Olası tekrarları bul',
    dupLoading: 'Tekrarlar aranıyor…',
    dupNone: 'Tekrar gibi görünen kişi yok.',
    dupFound: (n: number) => `${n} olası tekrar grubu bulundu.`,
    dupFailed: (why: string) => `Tekrarlar aranamadı. ${why}`,
    dupReason: (reason: DuplicateReason, key: string, score: number) =>
      reason === 'email'
        ? `Aynı e-posta: ${key}`
        : reason === 'phone'
          ? `Aynı telefon: ${key}`
          : `Benzer adlar (%${Math.round(score * 100)} benzer): ${key}`,
    keep: 'Kalacak kayıt',
    mergeGroup: 'Diğerlerini seçilenle birleştir',
    erased: (name: string) => `${name} kişisinin kişisel verileri silindi.`,
  },
  deals: {
    heading: 'Fırsatlar (etkiye göre)',
    intro:
      'Açık fırsatlar, ağırlıklı değerlerine, aşamada bekleme sürelerine ve beklenen ' +
      'kapanışa göre sıralanır.',
    stage: 'Aşama',
    pipeline: 'Satış hattı',
    sorts: {
      impact: 'Etki',
      weighted: 'Ağırlıklı değer',
      value: 'Değer',
      close: 'Beklenen kapanış',
      age: 'Aşamada bekleme',
    },
    caption: 'Etkiye göre sıralı fırsatlar',
    cols: {
      rank: 'Sıra',
      name: 'Kişi / şirket',
      stage: 'Aşama / hat',
      value: 'Değer',
      probability: 'Olasılık',
      weighted: 'Ağırlıklı',
      close: 'Beklenen kapanış',
      days: 'Aşamada',
      reasons: 'Neden burada',
    },
    empty: 'Bu süzgeçlere uyan açık fırsat yok.',
    source: (s: DealProbabilitySource, sample: number | null) =>
      s === 'override'
        ? 'temsilci belirledi'
        : s === 'learned'
          ? `geçmişten öğrenildi (${sample ?? 0} kapanmış fırsat)`
          : 'aşama varsayılanı',
    usual: (days: string, usual: string | null) =>
      usual === null ? days : `${days} (olağan ${usual})`,
    rotting: 'Bekliyor',
    reasons: {
      weighted: (weighted: string, value: string, p: string) =>
        `Ağırlıklı değer ${weighted} (${value} × ${p})`,
      rotting: (days: number, limit: number, basis: 'pipeline' | 'usual', factor: string) =>
        `${days} gündür bu aşamada; ${basis === 'pipeline' ? 'hattın sınırı' : 'olağan süre'} ` +
        `${limit} gün (önem ×${factor})`,
      overdue: (days: number, factor: string) =>
        `Beklenen kapanış ${days} gün geçti (önem ×${factor})`,
      closing_soon: (days: number, factor: string) =>
        `${days} gün içinde kapanması bekleniyor (önem ×${factor})`,
      closing_far: (days: number, factor: string) => `Kapanışa ${days} gün var (önem ×${factor})`,
    },
  },
  contact: {
    loading: 'Kişi yükleniyor…',
    loadFailed: (why: string) => `Kişi yüklenemedi. ${why}`,
    back: 'Kişilere dön',
    erasedNote: (at: string) => `Bu kişinin kişisel verileri ${at} tarihinde silindi.`,
    mergedNote: 'Bu kayıt başka bir kişiyle birleştirildi:',
    mergedLink: 'birleştirildiği kişiyi aç',
    details: 'Bilgiler',
    fields: {
      name: 'Ad',
      email: 'E-posta',
      phone: 'Telefon',
      company: 'Şirket',
      location: 'Konum',
      tags: 'Etiketler',
      owner: 'Sorumlu',
      timeZone: 'Saat dilimi',
      created: 'Eklenme',
      updated: 'Son değişiklik',
    },
    tagsHint: 'Virgülle ayırın (en çok 20).',
    custom: 'Özel alanlar',
    noCustom: 'Özel alan yok.',
    edit: 'Düzenle',
    save: 'Kaydet',
    cancel: 'Vazgeç',
    saving: 'Kaydediliyor…',
    saved: 'Değişiklikler kaydedildi.',
    nothingChanged: 'Değişen bir şey yok.',
    fieldErrors: 'Bazı alanlar kabul edilmedi; işaretli alanları düzeltin.',
    errors: {
      name: 'En çok 200 karakter yazın.',
      email: 'Geçerli bir e-posta adresi yazın (ornek@alan.com).',
      phone: 'Geçerli bir telefon numarası yazın (+90 532 000 00 00).',
      company: 'En çok 200 karakter yazın.',
      location: 'En çok 200 karakter yazın.',
      tags: 'En çok 20 etiket; her biri en çok 40 karakter ve bir kez.',
    },
    conflict:
      'Bu kişi bu arada değişti ya da bu e-posta başka bir kişide kayıtlı. Sayfa yenilendi; ' +
      'değişikliğinizi yeniden deneyin.',
    saveFailed: (why: string) => `Kaydedilemedi. ${why}`,
    consents: 'İzinler',
    noConsents: 'İzin kaydı yok.',
    consentCols: {
      channel: 'Kanal',
      granted: 'İzin',
      source: 'Kaynak',
      wording: 'Gösterilen metin',
      at: 'Tarih',
    },
    channels: { email: 'E-posta', sms: 'SMS', phone: 'Telefon' } as Record<string, string>,
    granted: (yes: boolean): string => (yes ? 'Verildi' : 'Verilmedi / geri alındı'),
    consentSources: {
      form: 'Form',
      quiz: 'Anket',
      booking: 'Randevu',
      import: 'İçe aktarma',
      console: 'Konsol',
      unsubscribe: 'Abonelikten çıkma bağlantısı',
      provider: 'Sağlayıcı bildirimi (geri dönme, şikâyet)',
    } satisfies Record<ConsentSource, string>,
    sourceUnknown: 'Kaydedilmemiş',
    /** A consent's wording heading: its version and language. */
    wordingOf: (version: string, language: string | null) =>
      `Sürüm ${version}${language ? ` · ${language === 'tr' ? 'Türkçe' : 'İngilizce'}` : ''}`,
    wordingSince: (at: string) => `${at} tarihinden beri geçerli`,
    notice: 'Aydınlatma metni:',
    noticeLink: 'tam metin',
    noWording: 'Metin saklanmamış (bu kayıt metinler saklanmadan önce alındı ya da bir geri alma).',
    leads: 'Fırsatları',
    noLeads: 'Bu kişinin fırsatı yok.',
    leadLink: (stage: string, created: string) => `${stage} · ${created}`,
    timeline: 'Zaman çizelgesi',
    noTimeline: 'Kayıtlı etkinlik yok.',
    activityTypes: {
      note: 'Not',
      call: 'Arama',
      email: 'E-posta',
      sms: 'SMS',
    } as Record<string, string>,
    merges: 'Birleştirmeler',
    mergedFrom: (at: string) => `bu kişiyle birleştirildi (${at}).`,
    mergedInto: (at: string) => `Bu kayıt başka bir kişiyle birleştirildi (${at}).`,
    actions: 'İşlemler',
    exportData: 'Kişinin tüm verilerini indir (JSON)',
    exportHelp: 'KVKK bilgi talebi için: bu kişi hakkında tutulan her şey. İndirme kaydedilir.',
    mergeIn: 'Başka bir kişiyi bununla birleştir',
    mergeSearch: 'Birleştirilecek kişiyi ara',
    mergeFind: 'Bul',
    mergePick: (name: string) => `${name} kişisini bununla birleştir`,
    mergeNone: 'Uyan başka kişi yok.',
    erase: 'Kişisel verileri sil',
    eraseOwnersOnly: 'Kişisel verileri yalnızca mağaza sahipleri silebilir.',
  },
  merge: {
    heading: (into: string) => `${into} ile birleştir`,
    what: (from: string, into: string) =>
      `${from} kaydındaki her şey (fırsatlar, zaman çizelgesi, izinler — kimin verdiğiyle ` +
      `birlikte —, mesajlar, diziler, etiketler) ${into} kaydına taşınır.`,
    after:
      'Birleştirilen kayıt listelerde görünmez; birleştirme iki kişide de kayıtlı kalır. ' +
      'Bu işlem geri alınamaz.',
    confirm: 'Birleştir',
    cancel: 'Vazgeç',
    merging: 'Birleştiriliyor…',
    done: (from: string, into: string) => `${from}, ${into} ile birleştirildi.`,
    failed: (why: string) => `Birleştirilemedi. ${why}`,
    conflict:
      'Kişilerden biri bu arada değişti ya da zaten birleştirildi; liste yenilendi, yeniden deneyin.',
  },
  erase: {
    heading: (name: string) => `${name}: kişisel veriler silinsin mi?`,
    cannotUndo: 'Bu işlem geri alınamaz.',
    removed:
      'Silinenler: ad, e-posta, telefon, şirket, konum, etiketler, özel alanlar, mesajların ' +
      'içeriği ve alıcısı, notlardaki kişisel bilgiler, bekleyen e-posta ve SMS’ler.',
    kept:
      'Saklananlar: yasal kayıtlar (faturalar ve tutarlar), aşama geçmişi ve izin kayıtları ' +
      '(kanal, sürüm, tarih) kanıt olarak; kişiyi tanıtan bilgi olmadan.',
    confirmLabel: (word: string) => `Onaylamak için “${word}” yazın`,
    mismatch: (word: string) => `Onay için tam olarak “${word}” yazın.`,
    word: 'SİL',
    reason: 'Silme nedeni (kayıtlarda kalır)',
    reasonMissing: 'Bir neden yazın.',
    confirm: 'Kalıcı olarak sil',
    cancel: 'Vazgeç',
    erasing: 'Siliniyor…',
    failed: (why: string) => `Silinemedi. ${why}`,
  },
}

export type ListsMessages = typeof tr

const en: ListsMessages = {
  stages: enShell.stages,
  statuses: { open: 'Open', won: 'Won', lost: 'Lost' },
  filters: 'Filters',
  all: 'All',
  search: 'Search',
  apply: 'Apply',
  clear: 'Clear filters',
  owner: 'Owner',
  mine: 'Assigned to me',
  unassigned: 'Unassigned',
  someoneElse: 'Another team member',
  none: '—',
  noName: 'Unnamed person',
  sort: 'Sort by',
  order: 'Order',
  orders: { desc: 'Descending (newest/largest first)', asc: 'Ascending (oldest/smallest first)' },
  pager: 'Pages',
  previous: 'Previous page',
  next: 'Next page',
  firstPage: 'Back to the first page',
  loading: 'Loading…',
  loadFailed: (why: string) => `The list could not be loaded. ${why}`,
  retry: 'Try again',
  results: (n: number, page: number, more: boolean) =>
    `Page ${page}: ${n} ${n === 1 ? 'record' : 'records'}${more ? '; more follow' : ''}.`,
  days: (n: number) => (n === 0 ? 'today' : n === 1 ? '1 day' : `${n} days`),
  leads: {
    heading: 'Leads',
    searchLabel: 'Search (name, e-mail, company)',
    stage: 'Stage',
    status: 'Status',
    sorts: {
      created_at: 'Created',
      updated_at: 'Last change',
      stage_entered_at: 'Entered stage',
      value: 'Value',
    },
    caption: 'Leads',
    cols: {
      name: 'Person / company',
      stage: 'Stage',
      status: 'Status',
      owner: 'Owner',
      value: 'Value',
      score: 'Score',
      days: 'In stage',
      created: 'Created',
    },
    empty: 'No lead matches these filters.',
  },
  contacts: {
    heading: 'Contacts',
    searchLabel: 'Search (name, e-mail, phone, company)',
    tag: 'Tag',
    caption: 'Contacts',
    cols: {
      name: 'Name',
      email: 'E-mail',
      phone: 'Phone',
      company: 'Company',
      tags: 'Tags',
      created: 'Added',
    },
    empty: 'No contact matches these filters.',
    exportHeading: 'Export',
    exportHelp: 'Every contact matching the filters (not only this page) goes into the file.',
    format: 'Format',
    formats: { csv: 'CSV (Excel)', ndjson: 'NDJSON (one JSON per line)' },
    separator: 'Separator',
    separators: { semicolon: 'Semicolon (Excel in Turkish)', comma: 'Comma' },
    export: 'Prepare the file',
    exporting: 'Preparing the file…',
    exportReady: 'The file is ready.',
    download: (name: string) => `Download ${name}`,
    exportFailed: (why: string) => `The file could not be prepared. ${why}`,
    dupHeading: 'Possible duplicates',
    dupHelp:
      'Records that look like one person. Choose the one to keep and merge the others into it.',
    dupShow: 'Find possible duplicates',
    dupLoading: 'Looking for duplicates…',
    dupNone: 'No contacts look like duplicates.',
    dupFound: (n: number) => `${n} ${n === 1 ? 'group' : 'groups'} of possible duplicates found.`,
    dupFailed: (why: string) => `Could not look for duplicates. ${why}`,
    dupReason: (reason: DuplicateReason, key: string, score: number) =>
      reason === 'email'
        ? `Same e-mail: ${key}`
        : reason === 'phone'
          ? `Same phone: ${key}`
          : `Similar names (${Math.round(score * 100)}% alike): ${key}`,
    keep: 'Record to keep',
    mergeGroup: 'Merge the others into the chosen one',
    erased: (name: string) => `The personal data of ${name} was erased.`,
  },
  deals: {
    heading: 'Deals (by impact)',
    intro:
      'Open deals ranked by their weighted value, how long they have waited in their stage ' +
      'and their expected close.',
    stage: 'Stage',
    pipeline: 'Pipeline',
    sorts: {
      impact: 'Impact',
      weighted: 'Weighted value',
      value: 'Value',
      close: 'Expected close',
      age: 'Time in stage',
    },
    caption: 'Deals ranked by impact',
    cols: {
      rank: 'Rank',
      name: 'Person / company',
      stage: 'Stage / pipeline',
      value: 'Value',
      probability: 'Probability',
      weighted: 'Weighted',
      close: 'Expected close',
      days: 'In stage',
      reasons: 'Why it ranks here',
    },
    empty: 'No open deal matches these filters.',
    source: (s: DealProbabilitySource, sample: number | null) =>
      s === 'override'
        ? 'set by a rep'
        : s === 'learned'
          ? `learned from history (${sample ?? 0} closed deals)`
          : 'stage default',
    usual: (days: string, usual: string | null) =>
      usual === null ? days : `${days} (usually ${usual})`,
    rotting: 'Stalled',
    reasons: {
      weighted: (weighted: string, value: string, p: string) =>
        `Weighted value ${weighted} (${value} × ${p})`,
      rotting: (days: number, limit: number, basis: 'pipeline' | 'usual', factor: string) =>
        `${days} days in this stage; ${basis === 'pipeline' ? 'the pipeline’s limit' : 'the usual time'} ` +
        `is ${limit} days (weight ×${factor})`,
      overdue: (days: number, factor: string) =>
        `Expected close passed ${days} days ago (weight ×${factor})`,
      closing_soon: (days: number, factor: string) =>
        `Expected to close within ${days} days (weight ×${factor})`,
      closing_far: (days: number, factor: string) =>
        `${days} days until the expected close (weight ×${factor})`,
    },
  },
  contact: {
    loading: 'Loading the contact…',
    loadFailed: (why: string) => `The contact could not be loaded. ${why}`,
    back: 'Back to contacts',
    erasedNote: (at: string) => `This person's personal data was erased on ${at}.`,
    mergedNote: 'This record was merged into another contact:',
    mergedLink: 'open the contact it was merged into',
    details: 'Details',
    fields: {
      name: 'Name',
      email: 'E-mail',
      phone: 'Phone',
      company: 'Company',
      location: 'Location',
      tags: 'Tags',
      owner: 'Owner',
      timeZone: 'Time zone',
      created: 'Added',
      updated: 'Last change',
    },
    tagsHint: 'Separate with commas (at most 20).',
    custom: 'Custom fields',
    noCustom: 'No custom fields.',
    edit: 'Edit',
    save: 'Save',
    cancel: 'Cancel',
    saving: 'Saving…',
    saved: 'Changes saved.',
    nothingChanged: 'Nothing changed.',
    fieldErrors: 'Some fields were not accepted; correct the marked fields.',
    errors: {
      name: 'Write at most 200 characters.',
      email: 'Enter a valid e-mail address (name@example.com).',
      phone: 'Enter a valid phone number (+90 532 000 00 00).',
      company: 'Write at most 200 characters.',
      location: 'Write at most 200 characters.',
      tags: 'At most 20 tags; each at most 40 characters and given once.',
    },
    conflict:
      'This contact changed meanwhile, or another contact has this e-mail. The page was ' +
      'reloaded; try your change again.',
    saveFailed: (why: string) => `Could not save. ${why}`,
    consents: 'Consents',
    noConsents: 'No consent records.',
    consentCols: {
      channel: 'Channel',
      granted: 'Consent',
      source: 'Source',
      wording: 'Wording shown',
      at: 'Date',
    },
    channels: { email: 'E-mail', sms: 'SMS', phone: 'Phone' },
    granted: (yes: boolean) => (yes ? 'Given' : 'Not given / withdrawn'),
    consentSources: {
      form: 'Form',
      quiz: 'Quiz',
      booking: 'Booking',
      import: 'Import',
      console: 'Console',
      unsubscribe: 'Unsubscribe link',
      provider: 'Provider report (bounce, complaint)',
    },
    sourceUnknown: 'Not recorded',
    wordingOf: (version: string, language: string | null) =>
      `Version ${version}${language ? ` · ${language === 'tr' ? 'Turkish' : 'English'}` : ''}`,
    wordingSince: (at: string) => `current from ${at}`,
    notice: 'Privacy notice:',
    noticeLink: 'full text',
    noWording: 'No wording kept (a record from before wordings were kept, or a withdrawal).',
    leads: 'Deals',
    noLeads: 'This person has no deals.',
    leadLink: (stage: string, created: string) => `${stage} · ${created}`,
    timeline: 'Timeline',
    noTimeline: 'No activity recorded.',
    activityTypes: { note: 'Note', call: 'Call', email: 'E-mail', sms: 'SMS' },
    merges: 'Merges',
    mergedFrom: (at: string) => `merged into this contact (${at}).`,
    mergedInto: (at: string) => `This record was merged into another contact (${at}).`,
    actions: 'Actions',
    exportData: 'Download all of this person’s data (JSON)',
    exportHelp:
      'For a data subject request: everything held about this person. The download is recorded.',
    mergeIn: 'Merge another contact into this one',
    mergeSearch: 'Search for the contact to merge',
    mergeFind: 'Find',
    mergePick: (name: string) => `Merge ${name} into this contact`,
    mergeNone: 'No other contact matches.',
    erase: 'Erase personal data',
    eraseOwnersOnly: 'Only store owners can erase personal data.',
  },
  merge: {
    heading: (into: string) => `Merge into ${into}`,
    what: (from: string, into: string) =>
      `Everything of ${from} (deals, timeline, consents — kept with who gave them —, messages, ` +
      `sequences, tags) moves to ${into}.`,
    after:
      'The merged record no longer appears in lists; the merge stays recorded on both. ' +
      'This cannot be undone.',
    confirm: 'Merge',
    cancel: 'Cancel',
    merging: 'Merging…',
    done: (from: string, into: string) => `${from} was merged into ${into}.`,
    failed: (why: string) => `Could not merge. ${why}`,
    conflict:
      'One of the contacts changed or was merged meanwhile; the list was reloaded, try again.',
  },
  erase: {
    heading: (name: string) => `Erase the personal data of ${name}?`,
    cannotUndo: 'This cannot be undone.',
    removed:
      'Removed: name, e-mail, phone, company, location, tags, custom fields, the content and ' +
      'recipient of messages, personal details in notes, pending e-mails and SMS.',
    kept:
      'Kept: legal records (invoices and amounts), the stage history and the consent records ' +
      '(channel, version, date) as proof, without anything that identifies the person.',
    confirmLabel: (word: string) => `Type “${word}” to confirm`,
    mismatch: (word: string) => `Type exactly “${word}” to confirm.`,
    word: 'ERASE',
    reason: 'Reason for erasing (kept in the records)',
    reasonMissing: 'Write a reason.',
    confirm: 'Erase permanently',
    cancel: 'Cancel',
    erasing: 'Erasing…',
    failed: (why: string) => `Could not erase. ${why}`,
  },
}

export const listsText: Record<Locale, ListsMessages> = { tr, en }
