//! A deterministic generator of large, valid catalogues for the search tests.
//!
//! Titles, keywords and bodies are assembled from real procedure vocabulary, so the index
//! has the shape of a real one: a few thousand distinct syllables, common words in almost
//! every body, titles repeated across levels, numbers of legal documents in a long tail.
//! (The benchmark generator `examples/generate.rs` is another engineer's; this one stays small.)

use std::fmt::Write as _;
use std::path::Path;
use thutuc::text::slugify;

/// splitmix64: small, good enough, the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIELDS: [(&str, &str); 24] = [
    ("ho-tich", "Hộ tịch"),
    ("chung-thuc", "Chứng thực"),
    ("ly-lich-tu-phap", "Lý lịch tư pháp"),
    ("bao-tro-xa-hoi", "Bảo trợ xã hội"),
    ("bao-hiem-y-te", "Bảo hiểm y tế"),
    ("nghia-vu-quan-su", "Nghĩa vụ quân sự"),
    ("cu-tru", "Đăng ký, quản lý cư trú"),
    ("can-cuoc", "Căn cước"),
    ("xuat-nhap-canh", "Quản lý xuất nhập cảnh"),
    ("giay-phep-lai-xe", "Cấp, quản lý giấy phép lái xe"),
    ("dang-ky-xe", "Đăng ký, quản lý phương tiện giao thông"),
    ("hoat-dong-xay-dung", "Hoạt động xây dựng"),
    ("ho-kinh-doanh", "Thành lập và hoạt động của hộ kinh doanh"),
    ("dat-dai", "Đất đai"),
    ("giao-duc", "Giáo dục và đào tạo"),
    ("y-te", "Khám bệnh, chữa bệnh"),
    ("lao-dong", "Lao động, tiền lương"),
    ("nguoi-co-cong", "Người có công"),
    ("moi-truong", "Môi trường"),
    ("thuy-san", "Thủy sản"),
    ("van-hoa", "Văn hóa cơ sở"),
    ("ton-giao", "Tín ngưỡng, tôn giáo"),
    ("thi-dua", "Thi đua, khen thưởng"),
    ("dau-tu", "Đầu tư tại Việt Nam"),
];

const AGENCY_NAMES: [&str; 20] = [
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Xây dựng",
    "Sở Giáo dục và Đào tạo",
    "Sở Nông nghiệp và Môi trường",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Công Thương",
    "Sở Khoa học và Công nghệ",
    "Công an tỉnh",
    "Bảo hiểm xã hội tỉnh",
    "Văn phòng đăng ký đất đai",
    "Ban Chỉ huy quân sự",
    "Ủy ban nhân dân tỉnh",
    "Ủy ban nhân dân xã, phường",
    "Công an xã, phường",
    "Trung tâm Phục vụ hành chính công",
    "Phòng Cảnh sát giao thông",
    "Phòng Quản lý xuất nhập cảnh",
];

const ACTIONS: [&str; 24] = [
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Đăng ký",
    "Đăng ký lại",
    "Gia hạn",
    "Điều chỉnh",
    "Thu hồi",
    "Xác nhận",
    "Chứng thực",
    "Công nhận",
    "Thẩm định",
    "Phê duyệt",
    "Thông báo",
    "Giải quyết",
    "Hỗ trợ",
    "Chuyển đổi",
    "Hủy bỏ",
    "Bổ sung",
    "Sửa đổi",
    "Thay đổi nội dung",
    "Cấp bản sao",
    "Tặng",
    "Đề nghị",
];

const OBJECTS: [&str; 60] = [
    "giấy phép xây dựng nhà ở riêng lẻ",
    "giấy khai sinh",
    "thẻ bảo hiểm y tế",
    "giấy chứng nhận quyền sử dụng đất",
    "giấy chứng nhận đăng ký hộ kinh doanh",
    "giấy phép lái xe",
    "chứng chỉ hành nghề khám bệnh, chữa bệnh",
    "thẻ căn cước",
    "hộ chiếu phổ thông",
    "phiếu lý lịch tư pháp",
    "giấy xác nhận tình trạng hôn nhân",
    "trích lục hộ tịch",
    "giấy đăng ký xe",
    "biển số xe",
    "giấy phép kinh doanh karaoke",
    "giấy phép hoạt động cơ sở giáo dục",
    "bằng tốt nghiệp trung học phổ thông",
    "trợ cấp xã hội hằng tháng",
    "hỗ trợ chi phí mai táng",
    "chế độ người có công với cách mạng",
    "giấy phép khai thác nước mặt",
    "giấy phép môi trường",
    "giấy chứng nhận an toàn thực phẩm",
    "giấy phép nuôi trồng thủy sản",
    "danh hiệu gia đình văn hóa",
    "bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    "giấy chứng nhận đăng ký đầu tư",
    "giấy phép lao động cho người nước ngoài",
    "sổ bảo hiểm xã hội",
    "trợ cấp thất nghiệp",
    "giấy phép tổ chức lễ hội",
    "đăng ký hoạt động tín ngưỡng",
    "giấy chứng nhận nhà ở",
    "quyết định giao đất",
    "chuyển mục đích sử dụng đất",
    "thửa đất chuyển nhượng",
    "giấy phép quy hoạch",
    "chứng chỉ năng lực hoạt động xây dựng",
    "giấy phép bán lẻ rượu",
    "giấy phép bán lẻ sản phẩm thuốc lá",
    "chứng nhận đủ điều kiện kinh doanh xăng dầu",
    "giấy phép vận tải bằng xe ô tô",
    "phù hiệu xe kinh doanh vận tải",
    "thường trú",
    "tạm trú",
    "khai tử",
    "kết hôn",
    "nhận cha, mẹ, con",
    "thay đổi, cải chính hộ tịch",
    "nghĩa vụ quân sự lần đầu",
    "miễn gọi nhập ngũ",
    "học bổng chính sách",
    "chuyển trường cho học sinh trung học",
    "văn bằng, chứng chỉ",
    "dự án đầu tư",
    "con dấu",
    "giấy phép hoạt động điện lực",
    "đăng ký tàu cá",
    "giấy chứng nhận kiểm dịch động vật",
    "giấy phép cắt, đào đường bộ",
];

const QUALIFIERS: [&str; 16] = [
    "",
    "",
    "",
    "",
    " cho người nước ngoài",
    " có yếu tố nước ngoài",
    " trực tuyến",
    " tại cấp xã",
    " đối với doanh nghiệp",
    " cho trẻ em dưới 6 tuổi",
    " do bị mất, hư hỏng",
    " khi hết hạn",
    " trong trường hợp đặc biệt",
    " cho hộ gia đình, cá nhân",
    " đối với tổ chức",
    " lần đầu",
];

const KEYWORDS: [&str; 24] = [
    "sổ đỏ",
    "sổ hồng",
    "bằng lái",
    "làm giấy tờ",
    "xin phép",
    "công chứng",
    "làm online",
    "VNeID",
    "dịch vụ công",
    "một cửa",
    "hồ sơ",
    "lệ phí",
    "xin giấy",
    "đổi bằng",
    "làm lại",
    "bị mất",
    "hết hạn",
    "người già",
    "trẻ em",
    "hộ nghèo",
    "doanh nghiệp",
    "cửa hàng",
    "nhà trọ",
    "KT3",
];

const SENTENCES: [&str; 30] = [
    "Người dân nộp hồ sơ tại Bộ phận một cửa hoặc trực tuyến trên Cổng Dịch vụ công quốc gia.",
    "Cán bộ tiếp nhận kiểm tra tính đầy đủ của hồ sơ và viết giấy hẹn trả kết quả.",
    "Trường hợp hồ sơ chưa đầy đủ, cán bộ hướng dẫn bổ sung một lần bằng văn bản.",
    "Cơ quan có thẩm quyền xem xét, giải quyết trong thời hạn quy định.",
    "Kết quả được trả trực tiếp, qua dịch vụ bưu chính hoặc trên ứng dụng VNeID.",
    "Người đề nghị phải chịu trách nhiệm về tính chính xác của thông tin đã khai.",
    "Nếu không đủ điều kiện, cơ quan giải quyết trả lời bằng văn bản và nêu rõ lý do.",
    "Phí, lệ phí nộp khi tiếp nhận hồ sơ theo mức do Hội đồng nhân dân tỉnh quy định.",
    "Hồ sơ nộp trực tuyến được ký số hoặc xác thực bằng tài khoản định danh điện tử mức 2.",
    "Thời hạn giải quyết tính từ ngày nhận đủ hồ sơ hợp lệ.",
    "Người được ủy quyền phải mang theo văn bản ủy quyền có chứng thực.",
    "Giấy tờ do cơ quan nước ngoài cấp phải được hợp pháp hóa lãnh sự.",
    "Trường hợp cần xác minh, thời hạn giải quyết được kéo dài thêm không quá 5 ngày làm việc.",
    "Công chức chuyên môn thẩm định hồ sơ và trình lãnh đạo ký quyết định.",
    "Thông tin cá nhân được tra cứu trên Cơ sở dữ liệu quốc gia về dân cư.",
    "Không yêu cầu nộp bản sao giấy tờ đã có trong cơ sở dữ liệu.",
    "Cá nhân, tổ chức có thể theo dõi tình trạng hồ sơ bằng mã số biên nhận.",
    "Kết quả điện tử có giá trị pháp lý như bản giấy.",
    "Việc thẩm định thực địa được thực hiện khi cần thiết.",
    "Cơ quan tiếp nhận gửi hồ sơ đến cơ quan liên quan để lấy ý kiến.",
    "Người dân được miễn lệ phí nếu thuộc hộ nghèo, người có công hoặc đồng bào dân tộc thiểu số.",
    "Trong thời hạn 3 ngày làm việc, cơ quan phối hợp có ý kiến bằng văn bản.",
    "Quyết định được gửi cho người đề nghị và các cơ quan có liên quan.",
    "Hồ sơ quá hạn bổ sung sẽ bị trả lại.",
    "Thủ tục được thực hiện theo cơ chế một cửa liên thông.",
    "Người dân có thể thanh toán phí trực tuyến qua ngân hàng hoặc ví điện tử.",
    "Bản chính giấy tờ được trả lại ngay sau khi đối chiếu.",
    "Mọi thắc mắc liên hệ đường dây nóng của Trung tâm Phục vụ hành chính công.",
    "Đơn đề nghị phải ghi rõ họ tên, địa chỉ, số điện thoại liên hệ.",
    "Cán bộ không được yêu cầu thêm giấy tờ ngoài danh mục đã công bố.",
];

const DOCUMENTS: [&str; 14] = [
    "Tờ khai theo mẫu",
    "Đơn đề nghị",
    "Bản sao giấy tờ tùy thân",
    "Giấy tờ chứng minh nơi cư trú",
    "Văn bản ủy quyền",
    "Bản vẽ thiết kế",
    "Giấy chứng nhận sức khỏe",
    "Ảnh chân dung 4x6",
    "Bản sao quyết định",
    "Hợp đồng thuê nhà",
    "Biên bản kiểm tra",
    "Báo cáo đánh giá tác động môi trường",
    "Danh sách thành viên",
    "Giấy xác nhận của Ủy ban nhân dân cấp xã",
];

/// What a test may want to type about a generated procedure.
pub struct Generated {
    pub code: String,
    pub title: String,
    pub keywords: Vec<String>,
}

/// Writes a catalogue of `procedures` procedures to `dir` (which should be empty).
pub fn write_catalogue(
    dir: &Path,
    procedures: usize,
    seed: u64,
) -> std::io::Result<Vec<Generated>> {
    let mut rng = Rng::new(seed);
    std::fs::create_dir_all(dir.join("agencies"))?;
    std::fs::create_dir_all(dir.join("procedures/gen"))?;
    std::fs::write(
        dir.join("site.yaml"),
        "title: Thủ tục hành chính tỉnh Mẫu\nbase_url: https://thutuc.example.vn/tinh/\n",
    )?;
    std::fs::write(
        dir.join("levels.yaml"),
        "- id: tinh\n  name: Cấp tỉnh\n- id: xa\n  name: Cấp xã\n",
    )?;
    let mut fields = String::new();
    for (id, name) in FIELDS {
        writeln!(fields, "- id: {id}\n  name: {name}").ok();
    }
    std::fs::write(dir.join("fields.yaml"), fields)?;
    std::fs::write(
        dir.join("life-events.yaml"),
        "- id: sinh-con\n  name: Sinh con\n- id: nha-o\n  name: Nhà ở và đất đai\n- id: kinh-doanh\n  name: Mở cửa hàng, kinh doanh\n",
    )?;
    let mut agencies = Vec::new();
    for (i, name) in AGENCY_NAMES.iter().enumerate() {
        let id = slugify(name);
        let level = if name.contains("xã") { "xa" } else { "tinh" };
        let short = if i % 3 == 0 {
            format!("short_name: {}\n", name.replace("Ủy ban nhân dân", "UBND"))
        } else {
            String::new()
        };
        std::fs::write(
            dir.join(format!("agencies/{id}.yaml")),
            format!("name: {name}\n{short}level: {level}\n"),
        )?;
        agencies.push((id, level));
    }

    let mut out: Vec<Generated> = Vec::new();
    let mut slugs = std::collections::HashSet::new();
    for n in 0..procedures {
        let object = *rng.pick(&OBJECTS);
        let title = format!("{} {}{}", rng.pick(&ACTIONS), object, rng.pick(&QUALIFIERS));
        let (agency, level) = rng.pick(&agencies).clone();
        let field = rng.pick(&FIELDS).0;
        let code = format!("{}.{:06}", 1 + n % 3, 100_000 + n);
        let mut text = String::new();
        writeln!(text, "---").ok();
        writeln!(text, "code: \"{code}\"").ok();
        writeln!(text, "title: \"{title}\"").ok();
        // as staff do: a slug only where two titles would share a URL
        if !slugs.insert(slugify(&title)) {
            writeln!(text, "slug: {}-{n}", slugify(&title)).ok();
        }
        writeln!(text, "level: {level}\nfield: {field}\nagency: {agency}").ok();
        writeln!(
            text,
            "channels:\n  - type: in_person\n    duration: {} ngày làm việc\n    fees: [{{ amount: {} }}]",
            1 + rng.below(20),
            rng.below(5) * 50_000
        )
        .ok();
        writeln!(text, "documents:").ok();
        for _ in 0..2 + rng.below(3) {
            writeln!(text, "  - name: {}", rng.pick(&DOCUMENTS)).ok();
        }
        writeln!(text, "result:\n  - \"{}\"", capitalise(object)).ok();
        writeln!(text, "legal_basis:").ok();
        for _ in 0..1 + rng.below(3) {
            writeln!(
                text,
                "  - number: {}/{}/NĐ-CP\n    title: Nghị định quy định chi tiết về {}",
                1 + rng.below(300),
                2010 + rng.below(16),
                rng.pick(&OBJECTS)
            )
            .ok();
        }
        let mut keywords: Vec<&str> = (0..rng.below(4)).map(|_| *rng.pick(&KEYWORDS)).collect();
        keywords.sort_unstable();
        keywords.dedup();
        if !keywords.is_empty() {
            writeln!(text, "keywords: [{}]", keywords.join(", ")).ok();
        }
        out.push(Generated {
            code,
            title: title.clone(),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
        });
        writeln!(text, "---").ok();
        writeln!(
            text,
            "Thủ tục {} dành cho cá nhân, tổ chức có nhu cầu. {}\n",
            title.to_lowercase(),
            rng.pick(&SENTENCES)
        )
        .ok();
        writeln!(text, "## Trình tự thực hiện\n").ok();
        for step in 1..=3 + rng.below(4) {
            writeln!(text, "{step}. {}", rng.pick(&SENTENCES)).ok();
        }
        writeln!(text, "\n## Yêu cầu, điều kiện\n").ok();
        for _ in 0..1 + rng.below(3) {
            writeln!(text, "- {}", rng.pick(&SENTENCES)).ok();
        }
        std::fs::write(dir.join(format!("procedures/gen/{n:05}.md")), text)?;
    }
    Ok(out)
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
