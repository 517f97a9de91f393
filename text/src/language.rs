//! Which language a text is written in, from its function words: articles, pronouns and
//! prepositions that each language uses constantly and the others do not. Skill names,
//! employers and acronyms are mostly English in any CV, so content words say little; "der",
//! "les" and "los" say a lot. A text mostly in another script than Latin is told by its script
//! first (`script`). The offline coach speaks the first four; the others are for LLM
//! interviewers, and the analysis reads an answer in one of them with the English lists.

mod function_words;
mod script;

use domain::Language;

use function_words::function_words;

/// Fewer function words than this is too little text to tell.
const MIN_HITS: usize = 4;
/// Another language must count this many times as many function words as the runner-up: a
/// text that mixes languages evenly stays English.
const CLEAR_LEAD: f64 = 1.25;

/// The language `text` is written in; English when the text is too short or unclear.
/// A text mostly in another script than Latin is told by its script, the rest by function words.
pub fn detect_language(text: &str) -> Language {
    if let Some(language) = script::detect_by_script(text) {
        return language;
    }
    let lower = text.to_lowercase();
    // In the order of `Language::ALL`: a tie goes to the earlier one, English first.
    let mut counts: Vec<(Language, usize)> = Language::ALL.iter().map(|&l| (l, 0)).collect();
    for word in lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
    {
        for (language, count) in &mut counts {
            if function_words(*language).contains(&word) {
                *count += 1;
            }
        }
    }
    counts.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    let (leader, most) = counts[0];
    let second = counts[1].1;
    if most < MIN_HITS || (most as f64) < CLEAR_LEAD * second as f64 {
        Language::English
    } else {
        leader
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_corpus::text_of as corpus;

    #[test]
    fn german_documents_from_the_corpus() {
        assert_eq!(
            detect_language(&corpus("jd", "jd05_pdf_fpdf2")),
            Language::German
        );
        assert_eq!(
            detect_language(&corpus("cv", "cv09_pdf_libreoffice")),
            Language::German
        );
    }

    #[test]
    fn english_documents_from_the_corpus() {
        for (kind, folder) in [
            ("jd", "jd03_txt_plain-text"),
            ("jd", "jd11_pdf_reportlab"),
            ("cv", "cv03_docx_python-docx"),
        ] {
            assert_eq!(
                detect_language(&corpus(kind, folder)),
                Language::English,
                "{folder}"
            );
        }
    }

    #[test]
    fn french_and_spanish_job_ads() {
        let french = "Enseignant de mathématiques (H/F)\nCollège Jean Moulin, Lyon\n\nVos missions\n- Préparer et assurer les cours de mathématiques pour les classes de 6e à la 3e.\n- Suivre la progression des élèves et travailler avec l'équipe pédagogique.\n\nVotre profil\n- Vous êtes titulaire du CAPES de mathématiques.";
        assert_eq!(detect_language(french), Language::French);
        let spanish = "Ejecutivo de ventas B2B\nGrupo Solaris, Madrid\n\nTus funciones\n- Gestionar una cartera de clientes en la zona centro y abrir nuevas cuentas.\n- Negociar contratos con los departamentos de compras.\n\nRequisitos\n- Experiencia de tres años en venta consultiva, preferiblemente en el sector energético.";
        assert_eq!(detect_language(spanish), Language::Spanish);
    }

    #[test]
    fn answers_in_each_language() {
        assert_eq!(
            detect_language("J'ai repris la classe en novembre et j'ai mis en place un suivi hebdomadaire des élèves."),
            Language::French
        );
        assert_eq!(
            detect_language("Ich habe die Station im Nachtdienst geleitet und die Übergabe mit dem Team neu strukturiert."),
            Language::German
        );
        assert_eq!(
            detect_language("Yo gestioné la cuenta más grande del equipo y cerré el contrato con el director de compras."),
            Language::Spanish
        );
    }

    #[test]
    fn short_or_mixed_text_stays_english() {
        assert_eq!(detect_language(""), Language::English);
        assert_eq!(detect_language("Python, SQL, Kafka"), Language::English);
        assert_eq!(detect_language("Merci beaucoup"), Language::English);
        // An English answer that names a French employer.
        assert_eq!(
            detect_language("I was the lead of the data team at Société Générale, and we moved the reports to dbt."),
            Language::English
        );
    }

    #[test]
    fn job_ads_in_languages_only_llm_interviewers_speak() {
        let ads = [
            (
                Language::Italian,
                "Sviluppatore backend Java (m/f)\nFintech Srl, Milano\n\nChi cerchiamo\nCerchiamo uno sviluppatore per il nostro team di pagamenti. Ti occuperai della progettazione e dello sviluppo dei servizi che gestiscono le transazioni.\n\nRequisiti\n- Almeno tre anni di esperienza con Java e Spring Boot.\n- Conoscenza di PostgreSQL e dei sistemi di messaggistica (Kafka).\n- Buona conoscenza della lingua inglese.",
            ),
            (
                Language::Portuguese,
                "Analista de dados pleno\nBanco Horizonte, São Paulo\n\nO que você vai fazer\n- Construir os painéis de indicadores da área comercial em Power BI.\n- Trabalhar com o time de produto na definição das métricas.\n\nO que esperamos de você\n- Experiência com SQL e Python.\n- Inglês intermediário é um diferencial.",
            ),
            (
                Language::Dutch,
                "Verpleegkundige interne geneeskunde (32-36 uur)\nZiekenhuis Rivierenland, Tiel\n\nWat ga je doen?\nJe werkt in een team van twaalf collega's en bent het aanspreekpunt voor patiënten en hun familie.\n\nWat vragen wij?\n- Een afgeronde opleiding tot verpleegkundige (BIG-registratie).\n- Ervaring met het werken in onregelmatige diensten is een pré.",
            ),
            (
                Language::Polish,
                "Specjalista ds. rekrutacji IT\nSoftwareHouse Sp. z o.o., Kraków\n\nTwoje zadania\n- Prowadzenie procesów rekrutacyjnych na stanowiska techniczne.\n- Współpraca z menedżerami przy określaniu potrzeb kadrowych.\n\nCzego oczekujemy\n- Minimum dwóch lat doświadczenia w rekrutacji IT.\n- Bardzo dobrej znajomości języka angielskiego, który jest językiem pracy w naszym zespole.",
            ),
            (
                Language::Swedish,
                "Lärare i matematik och fysik\nKunskapsgymnasiet, Göteborg\n\nOm tjänsten\nDu kommer att undervisa i matematik och fysik på gymnasiet och ingå i ett arbetslag med fem lärare.\n\nVi söker dig som\n- har lärarlegitimation med behörighet i matematik.\n- är van att arbeta med digitala verktyg i undervisningen.",
            ),
            (
                Language::Turkish,
                "Satış Temsilcisi\nAnadolu Gıda A.Ş., İstanbul\n\nAranan nitelikler\n- Üniversitelerin ilgili bölümlerinden mezun,\n- Satış alanında en az iki yıl deneyimi olan,\n- Müşteri ilişkileri konusunda iyi ve ekip çalışmasına yatkın,\n- Tercihen İngilizce bilen, seyahat engeli olmayan bir takım arkadaşı arıyoruz.",
            ),
        ];
        for (language, ad) in ads {
            assert_eq!(detect_language(ad), language, "{ad}");
        }
    }

    #[test]
    fn close_languages_stay_apart() {
        // Portuguese against Spanish, Italian against French and Spanish, Dutch against
        // German: the answer to one question in each.
        let answers = [
            (Language::Spanish, "Yo gestioné el cierre del trimestre y reduje los plazos de entrega porque el equipo no tenía un proceso claro."),
            (Language::Portuguese, "Eu fui responsável pelo fechamento do trimestre e reduzi os prazos de entrega, porque a equipe não tinha um processo claro."),
            (Language::Italian, "Io ero responsabile della chiusura del trimestre e ho ridotto i tempi di consegna perché il team non aveva un processo chiaro."),
            (Language::French, "J'ai piloté la clôture du trimestre et réduit les délais de livraison, car l'équipe n'avait pas de processus clair."),
            (Language::Dutch, "Ik was verantwoordelijk voor de afsluiting van het kwartaal en heb de levertijden verkort, omdat het team geen duidelijk proces had."),
            (Language::German, "Ich war für den Quartalsabschluss verantwortlich und habe die Lieferzeiten verkürzt, weil das Team keinen klaren Prozess hatte."),
        ];
        for (language, answer) in answers {
            assert_eq!(detect_language(answer), language, "{answer}");
        }
    }

    #[test]
    fn job_ads_in_other_scripts() {
        let ads = [
            (Language::Russian, "Бэкенд-разработчик (Go)\nООО «Северный банк», Москва\n\nЧем предстоит заниматься\n- Разрабатывать сервисы платёжной системы на Go и PostgreSQL.\n- Участвовать в code review и проектировании API.\n\nМы ожидаем\n- Опыт коммерческой разработки от трёх лет.\n- Знание Kafka и Docker будет плюсом."),
            (Language::Ukrainian, "Менеджер з продажу\nТОВ «Агроекспорт», Київ\n\nОбов'язки\n- Пошук нових клієнтів і ведення переговорів.\n- Підготовка комерційних пропозицій та звітів.\n\nВимоги\n- Досвід роботи в продажах від двох років.\n- Впевнене володіння Excel і CRM-системами."),
            (Language::Greek, "Λογιστής\nΕμπορική Α.Ε., Αθήνα\n\nΑρμοδιότητες\n- Τήρηση λογιστικών βιβλίων και σύνταξη οικονομικών καταστάσεων.\n- Υποβολή φορολογικών δηλώσεων.\n\nΑπαιτούμενα προσόντα\n- Πτυχίο Λογιστικής.\n- Εμπειρία τουλάχιστον τριών ετών σε SAP."),
            (Language::Arabic, "مطلوب مهندس برمجيات\nشركة الحلول الرقمية، دبي\n\nالمهام\n- تطوير تطبيقات الويب باستخدام Java و Spring.\n- العمل مع فريق المنتج لتحديد المتطلبات.\n\nالمؤهلات\n- خبرة لا تقل عن ثلاث سنوات في تطوير البرمجيات.\n- إجادة اللغة الإنجليزية."),
            (Language::Hebrew, "דרוש/ה מפתח/ת Full Stack\nחברת הייטק בתל אביב\n\nתיאור המשרה\n- פיתוח מערכות ווב ב-React ו-Node.js.\n- עבודה בצוות קטן ודינמי.\n\nדרישות\n- ניסיון של שלוש שנים לפחות בפיתוח.\n- אנגלית ברמה גבוהה."),
            (Language::Persian, "استخدام کارشناس فروش\nشرکت پیشگامان، تهران\n\nشرح وظایف\n- پیگیری مشتریان و گسترش بازار فروش.\n- تهیه گزارش‌های ماهانه برای مدیر فروش.\n\nشرایط\n- حداقل دو سال سابقه کار مرتبط.\n- آشنایی با نرم‌افزار Excel و CRM."),
            (Language::Hindi, "बिक्री प्रबंधक की आवश्यकता\nभारत ट्रेडर्स प्राइवेट लिमिटेड, दिल्ली\n\nज़िम्मेदारियाँ\n- नए ग्राहकों की खोज करना और बिक्री लक्ष्य पूरे करना।\n- टीम के साथ मिलकर मासिक रिपोर्ट तैयार करना।\n\nयोग्यता\n- बिक्री में कम से कम तीन साल का अनुभव।\n- Excel और CRM का ज्ञान।"),
            (Language::Bengali, "হিসাবরক্ষক প্রয়োজন\nঢাকা টেক্সটাইল লিমিটেড, ঢাকা\n\nদায়িত্বসমূহ\n- দৈনিক হিসাব সংরক্ষণ ও মাসিক প্রতিবেদন তৈরি করা।\n- ভ্যাট ও কর সংক্রান্ত কাজ।\n\nযোগ্যতা\n- হিসাববিজ্ঞানে স্নাতক ডিগ্রি।\n- Tally ও Excel-এ দক্ষতা।"),
            (Language::Chinese, "高级后端工程师\n北京星辰科技有限公司\n\n岗位职责\n- 负责支付系统的设计与开发，使用 Java 和 Spring Boot。\n- 参与代码评审，优化系统性能。\n\n任职要求\n- 计算机相关专业本科及以上学历，三年以上开发经验。\n- 熟悉 MySQL、Redis、Kafka。"),
            (Language::Japanese, "バックエンドエンジニア（正社員）\n株式会社サクラテック、東京\n\n業務内容\n- 決済サービスの設計・開発を担当していただきます。\n- Go と PostgreSQL を使ったAPI開発。\n\n応募資格\n- Webアプリケーションの開発経験3年以上\n- チームでの開発経験がある方"),
            (Language::Korean, "백엔드 개발자 채용\n(주)한빛소프트, 서울\n\n주요 업무\n- 결제 시스템 서버 개발 및 운영\n- Java, Spring 기반 API 설계\n\n자격 요건\n- 3년 이상의 서버 개발 경력\n- 원활한 커뮤니케이션 능력"),
            (Language::Thai, "รับสมัครพนักงานขาย\nบริษัท สยามเทรดดิ้ง จำกัด กรุงเทพฯ\n\nหน้าที่ความรับผิดชอบ\n- ดูแลลูกค้าและหาลูกค้าใหม่\n- จัดทำรายงานยอดขายประจำเดือน\n\nคุณสมบัติ\n- ประสบการณ์ด้านการขายอย่างน้อย 2 ปี\n- ใช้ Excel ได้ดี"),
        ];
        for (language, ad) in ads {
            assert_eq!(detect_language(ad), language, "{ad}");
        }
    }

    #[test]
    fn job_ads_in_more_latin_script_languages() {
        let ads = [
            (Language::Romanian, "Contabil senior\nSC Nord Distribuție SRL, Cluj-Napoca\n\nResponsabilități\n- Întocmirea situațiilor financiare lunare și anuale.\n- Colaborarea cu auditorii externi pentru închiderea anului.\n\nCerințe\n- Experiență de minim trei ani în contabilitate.\n- Cunoștințe bune de Excel și SAP.\n\nCe oferim\n- Un pachet salarial competitiv și program flexibil în cadrul echipei noastre."),
            (Language::Czech, "Účetní\nStrojírny Brno a.s., Brno\n\nNáplň práce\n- Vedení účetnictví a zpracování daňových přiznání.\n- Spolupráce s auditory při roční uzávěrce.\n\nPožadujeme\n- Minimálně tři roky praxe v účetnictví.\n- Znalost SAP je výhodou.\n\nNabízíme\n- Práci v našem stabilním týmu, pět týdnů dovolené a také stravenky."),
            (Language::Hungarian, "Pénzügyi elemző\nDuna Bank Zrt., Budapest\n\nFeladatok\n- Havi pénzügyi riportok készítése és elemzése.\n- Együttműködés az üzleti területekkel a tervezés során.\n\nElvárások\n- Legalább három év tapasztalat hasonló munkakörben.\n- Jó Excel és SQL tudás.\n\nAmit kínálunk\n- Stabil munkahely és rugalmas munkaidő, valamint egy fiatal csapat, amely számára fontos a fejlődés."),
            (Language::Finnish, "Ohjelmistokehittäjä\nPohjola Digital Oy, Helsinki\n\nEtsimme tiimiimme kehittäjää, joka haluaa rakentaa verkkopalveluita asiakkaillemme.\n\nTehtävässä pääset\n- kehittämään palveluita Reactilla ja Node.js:llä\n- työskentelemään yhdessä suunnittelijoiden kanssa.\n\nToivomme, että sinulla on kokemusta TypeScriptistä ja että olet kiinnostunut myös testauksesta."),
            (Language::Indonesian, "Staf Akuntansi\nPT Nusantara Logistik, Jakarta\n\nTanggung jawab\n- Menyusun laporan keuangan bulanan untuk manajemen.\n- Melakukan rekonsiliasi bank dan pencatatan transaksi harian.\n\nKualifikasi\n- Pendidikan minimal S1 Akuntansi.\n- Memiliki pengalaman minimal dua tahun di bidang yang sama.\n- Mampu bekerja dalam tim dan dengan tenggat waktu yang ketat."),
            (Language::Vietnamese, "Nhân viên kinh doanh\nCông ty TNHH Sao Việt, Hà Nội\n\nMô tả công việc\n- Tìm kiếm và phát triển khách hàng mới trong khu vực miền Bắc.\n- Chăm sóc khách hàng hiện có và báo cáo doanh số hàng tháng cho trưởng phòng.\n\nYêu cầu\n- Có ít nhất hai năm kinh nghiệm bán hàng.\n- Sử dụng thành thạo Excel và có khả năng làm việc độc lập."),
        ];
        for (language, ad) in ads {
            assert_eq!(detect_language(ad), language, "{ad}");
        }
    }

    #[test]
    fn danish_and_norwegian_stay_english_rather_than_be_mistaken() {
        let danish = "Vi søger en erfaren udvikler til vores team i København. Du skal arbejde med vores kunder og have erfaring med Java.";
        let norwegian = "Vi søker en erfaren utvikler til vårt team i Oslo. Du skal jobbe med våre kunder og ha erfaring med Java.";
        assert_eq!(detect_language(danish), Language::English);
        assert_eq!(detect_language(norwegian), Language::English);
    }

    #[test]
    fn a_few_words_in_another_script_do_not_decide() {
        // A CV in English that names a Moscow employer and a Tokyo office.
        assert_eq!(
            detect_language("I led the data team at Яндекс and then opened the 東京 office, where we moved the reports to dbt."),
            Language::English
        );
    }
}
