/**
 * Words of the store, form and theme settings sections (`GET`/`PUT /admin/api/site`): Turkish
 * first; `StoreSettingsMessages` is their shape, so the English must match it.
 */
import type { Channel, Locale, StandardField } from '../../../contract'

const tr = {
  loading: 'Ayarlar yükleniyor…',
  loadFailed: 'Ayarlar yüklenemedi.',
  retry: 'Yeniden dene',
  save: 'Kaydet',
  saving: 'Kaydediliyor…',
  saved: 'Kaydedildi. Mağazanızdaki formlar değişikliği en geç 30 saniye içinde görür.',
  invalid: (n: number) =>
    n === 1 ? 'Bir alanda düzeltilecek bir şey var.' : `${n} alanda düzeltilecek bir şey var.`,
  conflict:
    'Siz düzenlerken başka biri bu ayarları kaydetti; değişiklikleriniz kaydedilmedi. Güncel ' +
    'ayarları yükleyip değişikliğinizi yeniden yapın.',
  reload: 'Güncel ayarları yükle',
  reloaded: 'Güncel ayarlar yüklendi.',
  saveFailed: (why: string) => `Kaydedilemedi: ${why}`,
  issues: {
    name: 'Mağaza adını yazın (en çok 100 karakter).',
    currency: 'Üç harfli bir ISO 4217 para birimi kodu yazın, ör. TRY.',
    timeZone: 'Bir IANA saat dilimi yazın, ör. Europe/Istanbul.',
    defaultRegion: 'İki harfli bir ülke kodu yazın, ör. TR.',
    origin:
      'https:// ile başlayan bir adres yazın, yol olmadan (ör. https://magaza.com); http yalnızca localhost için.',
    duplicateOrigin: 'Bu adres listede zaten var.',
    origins: 'En çok 20 adres olabilir.',
    fieldName:
      'Alan adı benzersiz olmalı; küçük harfle başlar, küçük harf, rakam ve _ içerir. Özel alanlar standart adları kullanamaz.',
    label: 'Bir etiket yazın.',
    options: 'Listeye en az bir seçenek ekleyin.',
    optionValue: 'Seçeneğin değerini yazın.',
    maxLength: '1 ile 5000 arasında bir sayı yazın ya da boş bırakın.',
    consentText: 'Onay metnini yazın.',
    consentVersion:
      'Metin değişti: yeni bir sürüm adı verin (her izin kaydı verildiği metni saklar; kullanılmış bir sürüm adı başka bir metne verilemez).',
    noticeText: 'Aydınlatma metni özetini iki dilde de yazın ya da ikisini de boş bırakın.',
    noticeUrl: 'https:// ile başlayan bir adres yazın (ör. https://magaza.com/aydinlatma-metni).',
    channels: 'En az bir kanal seçin.',
    minFillMs: '0 ile 60000 arasında bir sayı yazın.',
    theme: 'Bu değer kullanılamaz (; { } < > olmadan, en çok 200 karakter).',
    fields: 'En çok 40 alan ve 30 özel alan olabilir.',
  },
  store: {
    heading: 'Mağaza',
    profile: 'Mağaza bilgileri',
    name: 'Mağaza adı',
    locale: 'Varsayılan dil',
    locales: { tr: 'Türkçe', en: 'İngilizce' } satisfies Record<Locale, string>,
    currency: 'Para birimi',
    currencyHint: 'ISO 4217 kodu, ör. TRY, EUR, USD.',
    timeZone: 'Saat dilimi',
    timeZoneHint: 'IANA adı, ör. Europe/Istanbul. Görüşmeler ve raporlar bu saate göre.',
    region: 'Telefon numaralarının ülkesi',
    regionHint: 'Ülke kodu olmadan yazılan numaralar bu ülkeninki sayılır, ör. TR.',
    origins: 'İzin verilen adresler',
    originsHelp:
      'Formların çalışacağı sitelerin adresleri, yol olmadan: https://www.magazaniz.com. ' +
      'Geliştirirken http://localhost:5173 da olur. En çok 20 adres. Kaydedince hemen geçerli olur.',
    origin: (i: number) => `Adres ${i}`,
    noOrigins: 'Hiç adres yok: formlar hiçbir sitede çalışmaz.',
    addOrigin: 'Adres ekle',
    removeOrigin: (origin: string) => `${origin || 'Boş adres'} adresini kaldır`,
    originAdded: 'Yeni adres alanı eklendi.',
    originRemoved: (origin: string) => `${origin || 'Boş adres'} listeden çıkarıldı.`,
    embed: 'Yerleştirme kodu',
    embedHelp:
      'Bu kodu mağazanızın sayfalarına ekleyin; bileşenler etiketlerin olduğu yerde görünür. ' +
      'Sayfanın adresi izin verilen adresler arasında olmalı.',
    snippet: 'HTML kodu',
    css: 'Yer ayırma CSS’i: mağazanızın stil dosyasına ekleyin, bileşenler yüklenirken sayfa kaymasın',
    copyHtml: 'HTML kodunu kopyala',
    copyCss: 'CSS’i kopyala',
    copied: 'Panoya kopyalandı.',
    selected: 'Panoya erişilemedi; metin seçildi, Ctrl+C ile kopyalayın.',
  },
  form: {
    heading: 'Form ve onay',
    fields: 'Form alanları',
    fieldsHelp:
      'Alanlar formda bu sırayla görünür. Sırayı yukarı ve aşağı düğmeleriyle değiştirin.',
    field: (i: number, label: string) => `Alan ${i}: ${label}`,
    unnamed: 'adsız',
    kind: 'Alan türü',
    kinds: { standard: 'Standart', custom: 'Özel' },
    standardName: 'Standart alan',
    standardNames: {
      name: 'Ad soyad (name)',
      email: 'E-posta (email)',
      phone: 'Telefon (phone)',
      company: 'Şirket (company)',
      location: 'Konum (location)',
      message: 'Mesaj (message)',
    } satisfies Record<StandardField, string>,
    name: 'Alan adı (anahtar)',
    nameHint: 'Küçük harf, rakam ve _; adaylarda bu adla saklanır.',
    type: 'Giriş tipi',
    types: {
      text: 'Metin',
      email: 'E-posta',
      tel: 'Telefon',
      textarea: 'Uzun metin',
      select: 'Liste',
      number: 'Sayı',
      checkbox: 'Onay kutusu',
    },
    required: 'Zorunlu',
    labelTr: 'Etiket (Türkçe)',
    labelEn: 'Etiket (İngilizce)',
    maxLength: 'En çok karakter (boşsa sınır yok)',
    options: 'Liste seçenekleri',
    option: (j: number) => `Seçenek ${j}`,
    optionValue: 'Değer',
    addOption: 'Seçenek ekle',
    removeOption: (j: number) => `Seçenek ${j}: kaldır`,
    moveUp: (label: string) => `${label}: yukarı taşı`,
    moveDown: (label: string) => `${label}: aşağı taşı`,
    remove: (label: string) => `${label}: kaldır`,
    moved: (label: string, at: number, of: number) =>
      `${label} ${at}. sıraya taşındı (${of} alan).`,
    removed: (label: string) => `${label} kaldırıldı.`,
    addCustom: 'Özel alan ekle',
    addStandard: 'Standart alan ekle',
    added: 'Yeni alan en sona eklendi.',
    newField: 'Yeni alan',
    consent: 'Aydınlatma ve ticari ileti onayı (KVKK, 6563)',
    consentHelp:
      'Her izin kaydı, verildiği metni, dilini ve zamanını saklar; metinler hiç değişmez. ' +
      'Aydınlatma metnini ya da onay metnini değiştirirseniz sürüm adını da değiştirin (ör. 2026-02).',
    consentVersion: 'Sürüm',
    notice: 'Aydınlatma metni',
    noticeHelp:
      'KVKK gereği formun üstünde gösterilir ve tam metne bağlanır; onaylatılmaz, kutusu yoktur.',
    noticeTr: 'Özet (Türkçe)',
    noticeEn: 'Özet (İngilizce)',
    noticeUrl: 'Tam metnin adresi',
    noticeUrlMissing: 'Mağazanızdaki aydınlatma metni sayfasının adresini ekleyin.',
    optInHelp:
      'Ticari elektronik ileti onayı (6563 sayılı Kanun): her kanal için ayrı, önceden ' +
      'işaretlenmemiş bir kutu. İYS’ye kayıtlı gönderimler bu onaya dayanır.',
    consentTr: 'Onay metni (Türkçe)',
    consentEn: 'Onay metni (İngilizce)',
    channels: 'İzin istenecek kanallar',
    channelNames: { email: 'E-posta', sms: 'SMS', phone: 'Telefon' } satisfies Record<
      Channel,
      string
    >,
    spam: 'İstenmeyen gönderimler',
    minFillMs: 'En kısa doldurma süresi (milisaniye)',
    minFillHelp: 'Bundan hızlı gönderilen formlar istenmeyen olarak işaretlenir, silinmez.',
  },
  theme: {
    heading: 'Görünüm',
    tokens: 'Tema değerleri',
    tokensHelp:
      'Mağazanızın renkleri ve ölçüleri; boş bırakılan değer bileşenin varsayılanını kullanır. ' +
      'Kendi CSS’inizde aynı değişkenlerle de değiştirebilirsiniz.',
    names: {
      '--leadline-color-primary': 'Ana renk (düğme, odak)',
      '--leadline-color-text': 'Yazı rengi',
      '--leadline-color-error': 'Hata rengi',
      '--leadline-font-family': 'Yazı tipi',
      '--leadline-radius': 'Köşe yuvarlaklığı',
      '--leadline-spacing': 'Alanlar arası boşluk',
    },
    picker: (name: string) => `${name}: renk seçici`,
    fallback: (value: string) => `Boşsa: ${value}`,
    preview: 'Canlı önizleme',
    previewHelp:
      'Mağazanızın formu, kaydedilmiş alanlarıyla ve burada yazdığınız değerlerle. ' +
      'Önizlemeden hiçbir şey gönderilmez.',
    previewFailed: 'Önizleme yüklenemedi; değerleri yine de kaydedebilirsiniz.',
    notSent: 'Bu bir önizleme; hiçbir şey gönderilmedi.',
  },
}

export type StoreSettingsMessages = typeof tr

const en: StoreSettingsMessages = {
  loading: 'Loading the settings…',
  loadFailed: 'The settings could not be loaded.',
  retry: 'Try again',
  save: 'Save',
  saving: 'Saving…',
  saved: "Saved. Your store's forms see the change within 30 seconds.",
  invalid: (n) =>
    n === 1 ? 'One field needs your attention.' : `${n} fields need your attention.`,
  conflict:
    'Someone else saved these settings while you were editing; your changes were not saved. ' +
    'Load the current settings and make your change again.',
  reload: 'Load the current settings',
  reloaded: 'The current settings are loaded.',
  saveFailed: (why) => `Not saved: ${why}`,
  issues: {
    name: 'Enter the store name (at most 100 characters).',
    currency: 'Enter a three-letter ISO 4217 currency code, e.g. TRY.',
    timeZone: 'Enter an IANA time zone, e.g. Europe/Istanbul.',
    defaultRegion: 'Enter a two-letter country code, e.g. TR.',
    origin:
      'Enter an address starting with https://, without a path (e.g. https://shop.com); http only for localhost.',
    duplicateOrigin: 'This address is already in the list.',
    origins: 'At most 20 addresses.',
    fieldName:
      'Field names are unique, start with a lower-case letter and use lower-case letters, digits and _. Custom fields cannot use standard names.',
    label: 'Enter a label.',
    options: 'Add at least one option to the list.',
    optionValue: "Enter the option's value.",
    maxLength: 'Enter a number from 1 to 5000, or leave it empty.',
    consentText: 'Enter the consent text.',
    consentVersion:
      'The wording changed: give it a new version (each consent record keeps the wording it was given under; a version already used cannot name other words).',
    noticeText: 'Write the notice summary in both languages, or leave both empty.',
    noticeUrl: 'Enter an address starting with https:// (e.g. https://shop.com/privacy-notice).',
    channels: 'Choose at least one channel.',
    minFillMs: 'Enter a number from 0 to 60000.',
    theme: 'This value cannot be used (no ; { } < >, at most 200 characters).',
    fields: 'At most 40 fields, of them 30 custom.',
  },
  store: {
    heading: 'Store',
    profile: 'Store details',
    name: 'Store name',
    locale: 'Default language',
    locales: { tr: 'Turkish', en: 'English' },
    currency: 'Currency',
    currencyHint: 'ISO 4217 code, e.g. TRY, EUR, USD.',
    timeZone: 'Time zone',
    timeZoneHint: 'IANA name, e.g. Europe/Istanbul. Meetings and reports follow it.',
    region: 'Country of phone numbers',
    regionHint: 'Numbers typed without a country code are read as this country’s, e.g. TR.',
    origins: 'Allowed addresses',
    originsHelp:
      'The sites your forms run on, without a path: https://www.yourstore.com. ' +
      'http://localhost:5173 works while developing. At most 20. They apply as soon as you save.',
    origin: (i) => `Address ${i}`,
    noOrigins: 'No addresses: the forms run on no site.',
    addOrigin: 'Add an address',
    removeOrigin: (origin) => `Remove ${origin || 'the empty address'}`,
    originAdded: 'A new address field was added.',
    originRemoved: (origin) => `${origin || 'The empty address'} was removed from the list.`,
    embed: 'Embed code',
    embedHelp:
      "Add this code to your store's pages; the components appear where their tags are. " +
      "The page's address must be one of the allowed addresses.",
    snippet: 'HTML code',
    css: "Space-reserving CSS: add it to your store's stylesheet so nothing moves while the components load",
    copyHtml: 'Copy the HTML code',
    copyCss: 'Copy the CSS',
    copied: 'Copied to the clipboard.',
    selected: 'The clipboard is not available; the text is selected, press Ctrl+C to copy it.',
  },
  form: {
    heading: 'Form and consent',
    fields: 'Form fields',
    fieldsHelp: 'Fields appear on the form in this order. Change it with the up and down buttons.',
    field: (i, label) => `Field ${i}: ${label}`,
    unnamed: 'unnamed',
    kind: 'Kind',
    kinds: { standard: 'Standard', custom: 'Custom' },
    standardName: 'Standard field',
    standardNames: {
      name: 'Full name (name)',
      email: 'E-mail (email)',
      phone: 'Phone (phone)',
      company: 'Company (company)',
      location: 'Location (location)',
      message: 'Message (message)',
    },
    name: 'Field name (key)',
    nameHint: 'Lower-case letters, digits and _; leads keep the value under this name.',
    type: 'Input type',
    types: {
      text: 'Text',
      email: 'E-mail',
      tel: 'Phone',
      textarea: 'Long text',
      select: 'List',
      number: 'Number',
      checkbox: 'Checkbox',
    },
    required: 'Required',
    labelTr: 'Label (Turkish)',
    labelEn: 'Label (English)',
    maxLength: 'Maximum characters (empty: no limit)',
    options: 'List options',
    option: (j) => `Option ${j}`,
    optionValue: 'Value',
    addOption: 'Add an option',
    removeOption: (j) => `Remove option ${j}`,
    moveUp: (label) => `Move ${label} up`,
    moveDown: (label) => `Move ${label} down`,
    remove: (label) => `Remove ${label}`,
    moved: (label, at, of) => `${label} moved to position ${at} of ${of}.`,
    removed: (label) => `${label} was removed.`,
    addCustom: 'Add a custom field',
    addStandard: 'Add a standard field',
    added: 'A new field was added at the end.',
    newField: 'New field',
    consent: 'Privacy notice and marketing opt-in (KVKK, law 6563)',
    consentHelp:
      'Each consent record keeps the wording it was given under, its language and time; wordings ' +
      'never change. When you change the notice or the opt-in text, change the version too (e.g. 2026-02).',
    consentVersion: 'Version',
    notice: 'Privacy notice (aydınlatma metni)',
    noticeHelp:
      'Shown above the form and linked to the full text, as KVKK asks; it is not consented to and has no box.',
    noticeTr: 'Summary (Turkish)',
    noticeEn: 'Summary (English)',
    noticeUrl: 'Address of the full text',
    noticeUrlMissing: "Add the address of your store's privacy notice page.",
    optInHelp:
      'Commercial electronic message opt-in (law 6563): one box per channel, never ticked in ' +
      'advance. Messages registered with İYS rely on it.',
    consentTr: 'Opt-in text (Turkish)',
    consentEn: 'Opt-in text (English)',
    channels: 'Channels to ask consent for',
    channelNames: { email: 'E-mail', sms: 'SMS', phone: 'Phone' },
    spam: 'Unwanted submissions',
    minFillMs: 'Shortest fill time (milliseconds)',
    minFillHelp: 'Forms sent faster than this are flagged as spam, never dropped.',
  },
  theme: {
    heading: 'Look',
    tokens: 'Theme values',
    tokensHelp:
      "Your store's colours and sizes; an empty value uses the component's default. " +
      'Your own CSS can set the same variables.',
    names: {
      '--leadline-color-primary': 'Main colour (button, focus)',
      '--leadline-color-text': 'Text colour',
      '--leadline-color-error': 'Error colour',
      '--leadline-font-family': 'Font',
      '--leadline-radius': 'Corner radius',
      '--leadline-spacing': 'Space between fields',
    },
    picker: (name) => `${name}: colour picker`,
    fallback: (value) => `Empty: ${value}`,
    preview: 'Live preview',
    previewHelp:
      "Your store's form with its saved fields and the values you type here. " +
      'Nothing is sent from the preview.',
    previewFailed: 'The preview could not be loaded; you can still save the values.',
    notSent: 'This is a preview; nothing was sent.',
  },
}

export const storeSettingsText: Record<Locale, StoreSettingsMessages> = { tr, en }
