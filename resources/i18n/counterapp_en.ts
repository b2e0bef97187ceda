<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<context>
    <name></name>
    <message>
        <location filename="../../ui/sync_panel.py" line="127"/>
        <source>Chưa đăng nhập cổng</source>
        <translation>Not signed in to the portal</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="129"/>
        <source>Ngoại tuyến</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="131"/>
        <source>Đang đồng bộ {n}/{m}</source>
        <translation>Syncing {n} of {m}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="133"/>
        <source>Đồng bộ lúc {t}</source>
        <translation>Last synced {t}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="135"/>
        <source>Chưa đồng bộ</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="137"/>
        <source>{n} chờ gửi</source>
        <translation>{n} waiting</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="139"/>
        <source>Cổng tạm lỗi, sẽ thử lại</source>
        <translation>Portal failing, will retry</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="142"/>
        <source>{n} cần xử lý</source>
        <translation>{n} need attention</translation>
    </message>
</context>
<context>
    <name>AccessLogDialog</name>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="54"/>
        <source>Nhật ký truy cập hồ sơ</source>
        <translation>Dossier access log</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="57"/>
        <location filename="../../ui/dossiers/access_dialog.py" line="74"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="60"/>
        <location filename="../../ui/dossiers/access_dialog.py" line="74"/>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="69"/>
        <source>Hồ sơ:</source>
        <translation>Dossier:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="69"/>
        <source>Cán bộ:</source>
        <translation>Officer:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="70"/>
        <source>Từ ngày:</source>
        <translation>From:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="70"/>
        <source>đến:</source>
        <translation>to:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="74"/>
        <source>Thời điểm</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="75"/>
        <source>Việc</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="75"/>
        <source>Qua</source>
        <translation>Through</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="84"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="104"/>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="110"/>
        <source>Xem chi tiết</source>
        <translation>Viewed details</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="110"/>
        <source>In</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="110"/>
        <source>In lại</source>
        <translation>Reprinted</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="111"/>
        <source>Cửa sổ</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="111"/>
        <source>Dòng lệnh</source>
        <translation>Command line</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="111"/>
        <source>Tệp PDF</source>
        <translation>PDF file</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="112"/>
        <source>Máy in</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="112"/>
        <source>Xem trước</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="113"/>
        <source>giấy tiếp nhận</source>
        <translation>receipt</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="113"/>
        <source>phiếu yêu cầu bổ sung</source>
        <translation>request to complete</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="114"/>
        <source>phiếu từ chối</source>
        <translation>refusal</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="114"/>
        <source>phiếu kiểm soát</source>
        <translation>routing slip</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="115"/>
        <source>biên lai</source>
        <translation>fee receipt</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="115"/>
        <source>văn bản xin lỗi, gia hạn</source>
        <translation>apology and extension</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="116"/>
        <source>sổ theo dõi</source>
        <translation>ledger</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="116"/>
        <source>thông báo dừng</source>
        <translation>stop notice</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/access_dialog.py" line="128"/>
        <source>{n} lượt</source>
        <translation>{n} entries</translation>
    </message>
</context>
<context>
    <name>ApologyDialog</name>
    <message>
        <location filename="../../ui/dossiers/lifecycle_dialogs.py" line="97"/>
        <source>Văn bản xin lỗi và đề nghị gia hạn (mẫu 04) — {code}</source>
        <translation>Apology and request for an extension (form 04) — {code}</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_dialogs.py" line="103"/>
        <source>cần khi đã quá hạn hoặc hẹn lại lần hai</source>
        <translation>needed once the appointment has passed, or for a second new date</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_dialogs.py" line="104"/>
        <source>&amp;Ngày hẹn mới:</source>
        <translation>&amp;New date:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_dialogs.py" line="105"/>
        <source>&amp;Lý do chậm:</source>
        <translation>&amp;Reason for the delay:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_dialogs.py" line="106"/>
        <source>Lãnh đạo &amp;duyệt:</source>
        <translation>Approved &amp;by (supervisor):</translation>
    </message>
</context>
<context>
    <name>BatchJob</name>
    <message>
        <location filename="../../ui/printing/jobs.py" line="156"/>
        <source>{n} hồ sơ</source>
        <translation>{n} dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/printing/jobs.py" line="171"/>
        <source>Ghi nhật ký in</source>
        <translation>Writing the print log</translation>
    </message>
</context>
<context>
    <name>BatchPrintActions</name>
    <message>
        <location filename="../../ui/printing/batch.py" line="79"/>
        <source>Cho {n} hồ sơ đang chọn (một lần xem trước, một lệnh in):</source>
        <translation>For the {n} selected dossiers (one preview, one print job):</translation>
    </message>
    <message>
        <location filename="../../ui/printing/batch.py" line="81"/>
        <source>In lại giấy tiếp nhận</source>
        <translation>Reprint receipts</translation>
    </message>
    <message>
        <location filename="../../ui/printing/batch.py" line="82"/>
        <source>Mẫu 04 (xin lỗi, gia hạn) cho hồ sơ quá hạn…</source>
        <translation>Form 04 (apology, new date) for the overdue…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/batch.py" line="83"/>
        <source>Phiếu kiểm soát quá trình giải quyết</source>
        <translation>Routing slips</translation>
    </message>
    <message>
        <location filename="../../ui/printing/batch.py" line="119"/>
        <source>{n} hồ sơ</source>
        <translation>{n} dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/printing/batch.py" line="121"/>
        <source>để trống: in lại ngày hẹn và lý do đã ghi</source>
        <translation>leave empty: print the recorded new date and reason again</translation>
    </message>
</context>
<context>
    <name>BatchView</name>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="97"/>
        <source>Xoay trái (Ctrl+L hoặc [)</source>
        <translation>Rotate left (Ctrl+L or [)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="99"/>
        <source>Xoay phải (Ctrl+R hoặc ])</source>
        <translation>Rotate right (Ctrl+R or ])</translation>
    </message>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="100"/>
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="101"/>
        <source>Xóa trang (Del); Ctrl+Z lấy lại trang vừa xóa</source>
        <translation>Delete page (Del); Ctrl+Z brings the last deleted page back</translation>
    </message>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="103"/>
        <source>Chuyển trang lên (Ctrl+↑); sang tài liệu trước: Ctrl+Shift+↑</source>
        <translation>Move page up (Ctrl+↑); to the previous document: Ctrl+Shift+↑</translation>
    </message>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="105"/>
        <source>Chuyển trang xuống (Ctrl+↓); sang tài liệu sau: Ctrl+Shift+↓</source>
        <translation>Move page down (Ctrl+↓); to the next document: Ctrl+Shift+↓</translation>
    </message>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="106"/>
        <source>Giữ trang trắng</source>
        <translation>Keep blank pages</translation>
    </message>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="238"/>
        <source>Tài liệu {i}: {doc} ({n} trang)</source>
        <translation>Document {i}: {doc} ({n} pages)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="239"/>
        <source>(chưa chọn)</source>
        <translation>(not chosen)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="265"/>
        <source>Tờ phân cách không chuyển sang tài liệu khác được</source>
        <translation>A separator sheet cannot be moved to another document</translation>
    </message>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="288"/>
        <source>Xoay trái</source>
        <translation>Rotate left</translation>
    </message>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="289"/>
        <source>Xoay phải</source>
        <translation>Rotate right</translation>
    </message>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="290"/>
        <source>Xóa trang</source>
        <translation>Delete page</translation>
    </message>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="291"/>
        <source>Chuyển sang tài liệu</source>
        <translation>Move to document</translation>
    </message>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="322"/>
        <source>Chưa có trang nào. Quét hoặc thêm tệp (kéo thả vào đây).</source>
        <translation>No pages yet. Scan or add files (drag and drop here).</translation>
    </message>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="328"/>
        <source>{k} trang vào PDF</source>
        <translation>{k} page(s) go into the PDF</translation>
    </message>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="330"/>
        <source>{b} trang trắng bỏ</source>
        <translation>{b} blank page(s) dropped</translation>
    </message>
    <message>
        <location filename="../../ui/scan/batch_view.py" line="332"/>
        <source>{s} tờ phân cách</source>
        <translation>{s} separator sheet(s)</translation>
    </message>
</context>
<context>
    <name>CatalogView</name>
    <message>
        <location filename="../../ui/catalog_view.py" line="169"/>
        <location filename="../../ui/catalog_view.py" line="300"/>
        <source>{n} thủ tục</source>
        <translation>{n} procedures</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="176"/>
        <source>Không tìm thấy thủ tục nào.</source>
        <translation>No procedure found.</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="213"/>
        <source>Đang mở dữ liệu…</source>
        <translation>Opening data…</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="232"/>
        <source>Mã thủ tục</source>
        <translation>Procedure code</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="233"/>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="234"/>
        <source>Cấp thực hiện</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="235"/>
        <source>Cơ quan thực hiện</source>
        <translation>Executing agency</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="236"/>
        <source>Mức độ dịch vụ công trực tuyến</source>
        <translation>Online service level</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="239"/>
        <source>Giờ nhận hồ sơ tối đa</source>
        <translation>Latest receipt time</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="244"/>
        <source>Cách thức thực hiện, thời hạn và phí</source>
        <translation>Channels, time limits and fees</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="244"/>
        <source>Phí, lệ phí</source>
        <translation>Fees and charges</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="251"/>
        <source>không</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="258"/>
        <source>Thành phần hồ sơ</source>
        <translation>Required documents</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="258"/>
        <source>STT</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="259"/>
        <source>Tên giấy tờ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="259"/>
        <source>Bản chính</source>
        <translation>Originals</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="259"/>
        <source>Bản sao</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="277"/>
        <source>Yêu cầu, điều kiện</source>
        <translation>Requirements and conditions</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="278"/>
        <source>Đối tượng thực hiện</source>
        <translation>Target groups</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="279"/>
        <source>Kết quả thực hiện</source>
        <translation>Results</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="284"/>
        <source>Trình tự thực hiện</source>
        <translation>Steps</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="289"/>
        <source>Căn cứ pháp lý</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="297"/>
        <source>Tìm theo mã, tên thủ tục, lĩnh vực… (Ctrl+F)</source>
        <translation>Search by code, procedure name, field… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="298"/>
        <source>Tìm thủ tục</source>
        <translation>Search procedures</translation>
    </message>
</context>
<context>
    <name>ChecklistWidget</name>
    <message>
        <location filename="../../ui/intake/checklist.py" line="134"/>
        <source>Đã nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="134"/>
        <source>Giấy tờ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="134"/>
        <source>Hình thức</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="134"/>
        <location filename="../../ui/intake/checklist.py" line="153"/>
        <source>Bản chính</source>
        <translation>Originals</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="135"/>
        <source>Bản sao</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="135"/>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="135"/>
        <source>Không áp dụng / trường hợp</source>
        <translation>Not applicable / case</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="139"/>
        <source>Chọn thủ tục để hiện danh mục giấy tờ cần nộp.</source>
        <translation>Choose a procedure to see the documents to hand in.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="143"/>
        <location filename="../../ui/intake/checklist.py" line="192"/>
        <source>Có TH này</source>
        <translation>Case applies</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="153"/>
        <source>Bản sao chứng thực</source>
        <translation>Certified copy</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="153"/>
        <source>Bản chụp</source>
        <translation>Photocopy</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="168"/>
        <source>Đánh dấu đã nhận đủ số bản theo quy định</source>
        <translation>Tick when the required number of copies was received</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="189"/>
        <source>Giấy tờ này không áp dụng cho trường hợp của người nộp</source>
        <translation>This document does not apply to the applicant&apos;s case</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="274"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="277"/>
        <source>⚠ Thiếu</source>
        <translation>⚠ Missing</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="280"/>
        <source>✓ Đủ</source>
        <translation>✓ Complete</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="145"/>
        <location filename="../../ui/intake/checklist.py" line="195"/>
        <source>Giấy tờ theo trường hợp ({case}): chỉ bắt buộc khi người nộp thuộc trường hợp này</source>
        <translation>Document for a case ({case}): required only when the applicant is in this case</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="146"/>
        <location filename="../../ui/intake/checklist.py" line="196"/>
        <source>trường hợp riêng</source>
        <translation>a particular case</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="197"/>
        <source>(theo trường hợp)</source>
        <translation>(depends on the case)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="268"/>
        <source>Tùy trường hợp</source>
        <translation>Depends on case</translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="271"/>
        <source>✓ Đã nộp</source>
        <translation>✓ Handed in</translation>
    </message>
</context>
<context>
    <name>CitizenView</name>
    <message>
        <location filename="../../ui/rating/citizen_view.py" line="54"/>
        <source>Thông tin hồ sơ của ông/bà</source>
        <translation>Your dossier</translation>
    </message>
    <message>
        <location filename="../../ui/rating/citizen_view.py" line="55"/>
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../ui/rating/citizen_view.py" line="56"/>
        <source>Số CCCD/giấy tờ:</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <location filename="../../ui/rating/citizen_view.py" line="57"/>
        <source>Thủ tục:</source>
        <translation>Procedure:</translation>
    </message>
    <message>
        <location filename="../../ui/rating/citizen_view.py" line="58"/>
        <source>Thời hạn / hẹn trả:</source>
        <translation>Time limit / appointment:</translation>
    </message>
    <message>
        <location filename="../../ui/rating/citizen_view.py" line="59"/>
        <source>Nếu thông tin chưa đúng, xin ông/bà báo ngay với cán bộ trước khi in giấy tiếp nhận.</source>
        <translation>If anything is wrong, please tell the officer now, before the receipt is printed.</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="41"/>
        <source>Không có số điện thoại</source>
        <translation>No phone number</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="45"/>
        <source>Số điện thoại:</source>
        <translation>Phone number:</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="51"/>
        <source>ví dụ: hẹn chiều mai đến nhận</source>
        <translation>e.g. will come tomorrow afternoon</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="52"/>
        <source>Ghi &amp;chú:</source>
        <translation>&amp;Note:</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <location filename="../../ui/crash.py" line="101"/>
        <source>Lỗi không mong muốn</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="102"/>
        <source>Counter gặp một lỗi không mong muốn. Lỗi đã được ghi vào nhật ký.</source>
        <translation>Counter met an unexpected error. It has been written to the log.</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="104"/>
        <source>Hồ sơ đang nhập đã được lưu thành bản nháp; mở lại trong trang Tiếp nhận.</source>
        <translation>The intake you were typing is kept as a draft; open it again on the Intake page.</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="105"/>
        <source>Nếu lỗi lặp lại, bấm «Sao chép báo cáo» và gửi cho bộ phận CNTT.</source>
        <translation>If it happens again, click “Copy report” and send it to IT.</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="108"/>
        <source>Sao chép báo cáo</source>
        <translation>Copy report</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/dashboard/page.py" line="114"/>
        <source>Đã xuất báo cáo: {path}</source>
        <translation>Report exported: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/page.py" line="121"/>
        <source>Làm mới (Ctrl+R)</source>
        <translation>Refresh (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/page.py" line="126"/>
        <source>Mở danh sách hồ sơ của số liệu này (Enter)</source>
        <translation>Open the dossiers behind this figure (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/page.py" line="172"/>
        <source>Tổng quan hôm nay</source>
        <translation>Today at a glance</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/page.py" line="173"/>
        <source>Đang tính số liệu…</source>
        <translation>Computing the figures…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/page.py" line="177"/>
        <source>Tổng quan hôm nay — {weekday} {date}</source>
        <translation>Today at a glance — {weekday} {date}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/page.py" line="180"/>
        <source>Số liệu của quầy {counter} ({agency}), tính từ dữ liệu trên máy này lúc {time}; không gồm hồ sơ của quầy khác.</source>
        <translation>This counter&apos;s figures ({counter}, {agency}), computed from the data on this PC at {time}; other counters&apos; dossiers are not included.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/page.py" line="210"/>
        <source>quầy {counter}, tính trên máy này</source>
        <translation>counter {counter}, computed on this PC</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <location filename="../../ui/dashboard/install.py" line="57"/>
        <source>Tổng quan (Ctrl+T)</source>
        <translation>Dashboard (Ctrl+T)</translation>
    </message>
</context>
<context>
    <name>DoctorDialog</name>
    <message>
        <location filename="../../ui/doctor_dialog.py" line="48"/>
        <location filename="../../ui/doctor_dialog.py" line="79"/>
        <source>Kiểm tra máy</source>
        <translation>Check this PC</translation>
    </message>
    <message>
        <location filename="../../ui/doctor_dialog.py" line="51"/>
        <location filename="../../ui/doctor_dialog.py" line="77"/>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/doctor_dialog.py" line="54"/>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/doctor_dialog.py" line="54"/>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/doctor_dialog.py" line="54"/>
        <source>Cần làm</source>
        <translation>What to do</translation>
    </message>
    <message>
        <location filename="../../ui/doctor_dialog.py" line="64"/>
        <source>Kiểm tra &amp;lại</source>
        <translation>Check &amp;again</translation>
    </message>
    <message>
        <location filename="../../ui/doctor_dialog.py" line="65"/>
        <source>&amp;Sao chép kết quả</source>
        <translation>&amp;Copy results</translation>
    </message>
    <message>
        <location filename="../../ui/doctor_dialog.py" line="74"/>
        <source>Ổn</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/doctor_dialog.py" line="74"/>
        <source>Cảnh báo</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../ui/doctor_dialog.py" line="74"/>
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../ui/doctor_dialog.py" line="96"/>
        <source>{errors} lỗi, {warnings} cảnh báo, {ok} ổn.</source>
        <translation>{errors} errors, {warnings} warnings, {ok} OK.</translation>
    </message>
</context>
<context>
    <name>DossierListPage</name>
    <message>
        <location filename="../../ui/dossiers/page.py" line="174"/>
        <source>Tì&amp;m:</source>
        <translation>&amp;Find:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="175"/>
        <source>Mã hồ sơ, tên người nộp, số CCCD, điện thoại</source>
        <translation>Dossier code, applicant name, ID number, phone</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="176"/>
        <source>Trạng thái:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="180"/>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="186"/>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="187"/>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="188"/>
        <source>Hẹn trả hôm na&amp;y</source>
        <translation>Due toda&amp;y</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="189"/>
        <source>&amp;Quá hạn</source>
        <translation>&amp;Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="190"/>
        <source>In &amp;lại giấy tiếp nhận</source>
        <translation>Re&amp;print receipt</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="195"/>
        <source>Làm mới (Ctrl+R)</source>
        <translation>Refresh (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="196"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="197"/>
        <source>In &amp;sổ theo dõi…</source>
        <translation>Print the &amp;ledger…</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="198"/>
        <source>Sổ theo dõi hồ sơ: chọn từ ngày đến ngày, xem trước, rồi in hoặc lưu PDF</source>
        <translation>Dossier ledger: choose the dates, preview, then print or save a PDF</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="200"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="200"/>
        <location filename="../../ui/dossiers/page.py" line="387"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="200"/>
        <location filename="../../ui/dossiers/page.py" line="386"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="200"/>
        <location filename="../../ui/dossiers/page.py" line="391"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="201"/>
        <location filename="../../ui/dossiers/page.py" line="392"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="201"/>
        <location filename="../../ui/dossiers/page.py" line="385"/>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="201"/>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="205"/>
        <source>Đã đồng bộ</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="206"/>
        <source>Chờ gửi</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="207"/>
        <source>Đang gửi</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="208"/>
        <source>Cần xử lý</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="209"/>
        <source>Xung đột</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="210"/>
        <location filename="../../ui/dossiers/page.py" line="380"/>
        <source>mã tạm</source>
        <translation>provisional</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="211"/>
        <source>Mã tạm: cổng dịch vụ công chưa xác nhận mã này</source>
        <translation>Provisional code: the portal has not confirmed it yet</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="300"/>
        <source>{n} hồ sơ</source>
        <translation>{n} dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="364"/>
        <source>Ghi nhật ký truy cập hồ sơ</source>
        <translation>Writing the dossier access log</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="381"/>
        <source>Thành phần hồ sơ</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="381"/>
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="381"/>
        <source>Lịch sử</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="382"/>
        <source>thiếu</source>
        <translation>missing</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="388"/>
        <source>Số CCCD</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="389"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="390"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="393"/>
        <source>Cán bộ tiếp nhận</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="397"/>
        <source>Hẹn trả (dời do chờ công dân)</source>
        <translation>Due (moved: waited on the citizen)</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="399"/>
        <source>Chờ công dân từ</source>
        <translation>Waiting on the citizen since</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="399"/>
        <source>không tính thời hạn</source>
        <translation>not counted toward the time limit</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="401"/>
        <source>duyệt: {name}</source>
        <translation>approved by {name}</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="403"/>
        <source>Hẹn lại</source>
        <translation>New date</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="408"/>
        <source>chính người nộp</source>
        <translation>the applicant</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="411"/>
        <source>Đã trả</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="413"/>
        <source>Lý do từ chối</source>
        <translation>Refusal reason</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="415"/>
        <source>đã xóa khỏi máy này lúc {t} (hết thời hạn lưu; cổng vẫn giữ hồ sơ)</source>
        <translation>removed from this PC at {t} (retention period over; the portal keeps the dossier)</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="416"/>
        <source>Thông tin cá nhân</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="423"/>
        <source>{o} bản chính, {c} bản sao</source>
        <translation>{o} originals, {c} copies</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="430"/>
        <source>đã thu</source>
        <translation>paid</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="430"/>
        <source>chưa thu</source>
        <translation>unpaid</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="465"/>
        <source>Ghi nhật ký in</source>
        <translation>Writing the print log</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/page.py" line="477"/>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
</context>
<context>
    <name>DossierPages</name>
    <message>
        <location filename="../../ui/dossiers/install.py" line="100"/>
        <source>Tiếp nhận hồ sơ (Ctrl+N)</source>
        <translation>Intake (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/install.py" line="101"/>
        <source>Danh sách hồ sơ (Ctrl+L)</source>
        <translation>Dossiers (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/install.py" line="102"/>
        <source>&amp;Hồ sơ</source>
        <translation>&amp;Dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/install.py" line="103"/>
        <source>Tiếp nhận hồ sơ &amp;mới</source>
        <translation>&amp;New intake</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/install.py" line="104"/>
        <source>&amp;Danh sách hồ sơ</source>
        <translation>Dossier &amp;list</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/install.py" line="105"/>
        <source>&amp;Nhật ký truy cập…</source>
        <translation>&amp;Access log…</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <location filename="../../ui/dossiers/table_model.py" line="83"/>
        <source>Tải thêm hồ sơ</source>
        <translation>Loading more dossiers</translation>
    </message>
</context>
<context>
    <name>FigureListDialog</name>
    <message>
        <location filename="../../ui/dashboard/list_dialog.py" line="40"/>
        <source>{n} hồ sơ — {scope}</source>
        <translation>{n} dossiers — {scope}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/list_dialog.py" line="45"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/list_dialog.py" line="45"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/list_dialog.py" line="45"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/list_dialog.py" line="45"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/list_dialog.py" line="46"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/list_dialog.py" line="46"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/list_dialog.py" line="46"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/list_dialog.py" line="53"/>
        <source>mã tạm</source>
        <translation>provisional code</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/list_dialog.py" line="67"/>
        <source>&amp;Mở trong danh sách hồ sơ</source>
        <translation>&amp;Open in the dossier list</translation>
    </message>
</context>
<context>
    <name>FilingMixin</name>
    <message>
        <location filename="../../ui/scan/filing_actions.py" line="29"/>
        <source>Chưa có trang nào để tạo PDF / no pages to put in a PDF</source>
        <translation>No pages to put in a PDF</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_actions.py" line="34"/>
        <source>Chọn hồ sơ (nhập mã rồi Enter) và thành phần hồ sơ cho các trang / choose the dossier and the document component</source>
        <translation>Choose the dossier (type its code, then Enter) and the document component for the pages</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_actions.py" line="50"/>
        <source>Đang tạo PDF và đính kèm…</source>
        <translation>Building the PDF and attaching…</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_actions.py" line="57"/>
        <source>Ký số</source>
        <translation>Digital signature</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_actions.py" line="57"/>
        <source>Mật khẩu / mã PIN chữ ký số của cơ quan:</source>
        <translation>Password / PIN of the agency&apos;s signing key:</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_actions.py" line="82"/>
        <source>Đã đính kèm {n} tệp PDF vào hồ sơ; sẽ tải lên khi đồng bộ.</source>
        <translation>{n} PDF file(s) attached to the dossier; they upload with the next sync.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_actions.py" line="84"/>
        <source>{doc}: {n} trang, SHA-256 {sha}</source>
        <translation>{doc}: {n} page(s), SHA-256 {sha}</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_actions.py" line="95"/>
        <source>Không tạo/đính kèm được PDF (lô quét vẫn được giữ): {e}</source>
        <translation>Could not build/attach the PDF (the scan batch is kept): {e}</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_actions.py" line="115"/>
        <source>Đã dùng lại tài liệu {doc} cho hồ sơ {code}.</source>
        <translation>Document {doc} reused for dossier {code}.</translation>
    </message>
</context>
<context>
    <name>FilingPanel</name>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="101"/>
        <source>Lưu vào hồ sơ</source>
        <translation>File with the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="102"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="103"/>
        <source>Mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="104"/>
        <location filename="../../ui/scan/filing_panel.py" line="105"/>
        <location filename="../../ui/scan/filing_panel.py" line="108"/>
        <source>Thành phần</source>
        <translation>Component</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="105"/>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="105"/>
        <location filename="../../ui/scan/filing_panel.py" line="108"/>
        <source>Số trang</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="106"/>
        <source>Tạo PDF và đính &amp;kèm</source>
        <translation>Build PDF and &amp;attach</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="108"/>
        <source>Chữ ký số</source>
        <translation>Digital signature</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="108"/>
        <source>Lớp chữ (OCR)</source>
        <translation>Text layer (OCR)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="110"/>
        <source>Nhận dạng chữ lại</source>
        <translation>Recognise text again</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="111"/>
        <source>Chạy lại nhận dạng chữ cho tài liệu bị lỗi (các dòng đang chọn, hoặc tất cả nếu không chọn dòng nào)</source>
        <translation>Run text recognition again for the documents where it failed (the selected rows, or all of them when no row is selected)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="136"/>
        <source>Chưa nhập mã hồ sơ / no dossier code entered</source>
        <translation>No dossier code entered</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="140"/>
        <source>Đang tìm hồ sơ…</source>
        <translation>Looking up the dossier…</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="164"/>
        <source>(hồ sơ không có thành phần nào có mã)</source>
        <translation>(the dossier has no coded components)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="181"/>
        <source>(chưa chọn)</source>
        <translation>(not chosen)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="192"/>
        <source>hợp lệ</source>
        <translation>valid</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="192"/>
        <source>KHÔNG hợp lệ</source>
        <translation>NOT valid</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="195"/>
        <source>chờ ký sau khi nhận dạng chữ</source>
        <translation>to be signed after text recognition</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="196"/>
        <source>chưa ký</source>
        <translation>not signed</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="215"/>
        <source>đang chờ nhận dạng</source>
        <translation>queued</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="215"/>
        <source>đã có</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="215"/>
        <source>lỗi</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../../ui/scan/filing_panel.py" line="216"/>
        <source>không có</source>
        <translation>none</translation>
    </message>
</context>
<context>
    <name>FormJob</name>
    <message>
        <location filename="../../ui/printing/jobs.py" line="229"/>
        <source>Ghi nhật ký in</source>
        <translation>Writing the print log</translation>
    </message>
</context>
<context>
    <name>FormPreview</name>
    <message>
        <location filename="../../ui/intake/preview.py" line="26"/>
        <source>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</source>
        <translation>Receipt and appointment</translation>
    </message>
    <message>
        <location filename="../../ui/intake/preview.py" line="27"/>
        <source>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ</source>
        <translation>Request to complete the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/intake/preview.py" line="28"/>
        <source>Phiếu từ chối tiếp nhận giải quyết hồ sơ</source>
        <translation>Refusal to receive the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/intake/preview.py" line="29"/>
        <source>Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết</source>
        <translation>Apology and request for an extension</translation>
    </message>
    <message>
        <location filename="../../ui/intake/preview.py" line="30"/>
        <source>Thông báo dừng giải quyết hồ sơ</source>
        <translation>Notice that processing stopped</translation>
    </message>
    <message>
        <location filename="../../ui/intake/preview.py" line="31"/>
        <source>Phiếu kiểm soát quá trình giải quyết hồ sơ</source>
        <translation>Routing slip</translation>
    </message>
    <message>
        <location filename="../../ui/intake/preview.py" line="32"/>
        <source>Giấy biên nhận đã thu phí, lệ phí</source>
        <translation>Fee receipt (paid fees)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/preview.py" line="90"/>
        <source>In phiếu</source>
        <translation>Printing</translation>
    </message>
</context>
<context>
    <name>FormsMenuButton</name>
    <message>
        <location filename="../../ui/dossiers/forms_menu.py" line="40"/>
        <source>&amp;In mẫu</source>
        <translation>Pri&amp;nt form</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/forms_menu.py" line="41"/>
        <source>In các mẫu của Thông tư 03/2025/TT-VPCP phù hợp với trạng thái hồ sơ</source>
        <translation>Print the forms of Circular 03/2025/TT-VPCP that fit the dossier&apos;s status</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <location filename="../../ui/intake/procedure_picker.py" line="62"/>
        <source>Thủ t&amp;ục (gõ mã hoặc tên, Enter để chọn):</source>
        <translation>Proced&amp;ure (type a code or name, Enter to choose):</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_picker.py" line="63"/>
        <source>Ví dụ: khai sinh, 1.001193</source>
        <translation>e.g. khai sinh, 1.001193</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="148"/>
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="149"/>
        <source>Công dân</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="150"/>
        <source>Tổ chức</source>
        <translation>Organization</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="151"/>
        <source>Tên tổ chức:</source>
        <translation>Organization name:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="152"/>
        <source>Mã số thuế:</source>
        <translation>Tax code:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="153"/>
        <source>Người đại diện:</source>
        <translation>Representative:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="154"/>
        <location filename="../../ui/intake/applicant_form.py" line="183"/>
        <source>Họ &amp;và tên:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="155"/>
        <source>Số CCC&amp;D:</source>
        <translation>I&amp;D number:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="156"/>
        <source>Số CMND cũ:</source>
        <translation>Old ID number:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="157"/>
        <source>Ngày &amp;sinh:</source>
        <translation>Date of &amp;birth:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="158"/>
        <location filename="../../ui/intake/subject_form.py" line="93"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="159"/>
        <source>Giớ&amp;i tính:</source>
        <translation>Se&amp;x:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="160"/>
        <source>Tỉnh/thành &amp;phố:</source>
        <translation>&amp;Province:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="161"/>
        <source>&amp;Xã/phường:</source>
        <translation>Co&amp;mmune/ward:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="162"/>
        <source>Số nhà, đường, thôn/tổ:</source>
        <translation>House number, street, hamlet:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="163"/>
        <source>Điện th&amp;oại:</source>
        <translation>Ph&amp;one:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="164"/>
        <source>&amp;Email:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="165"/>
        <source>Sửa (F4)</source>
        <translation>Edit (F4)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/reception.py" line="56"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/intake/reception.py" line="57"/>
        <source>&amp;Kênh tiếp nhận:</source>
        <translation>C&amp;hannel:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/reception.py" line="58"/>
        <source>Trực tiếp tại quầy</source>
        <translation>At the counter</translation>
    </message>
    <message>
        <location filename="../../ui/intake/reception.py" line="59"/>
        <source>Qua dịch vụ bưu chính</source>
        <translation>By post</translation>
    </message>
    <message>
        <location filename="../../ui/intake/reception.py" line="60"/>
        <source>Số &amp;bộ:</source>
        <translation>&amp;Sets:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/reception.py" line="61"/>
        <source>T&amp;rích yếu:</source>
        <translation>Summa&amp;ry:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/reception.py" line="62"/>
        <source>Thời hạn giải quyết:</source>
        <translation>Processing time:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fees.py" line="42"/>
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fees.py" line="43"/>
        <source>Không có khoản phí, lệ phí.</source>
        <translation>No fees.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fees.py" line="47"/>
        <location filename="../../ui/intake/fees.py" line="86"/>
        <source> bản</source>
        <translation> copies</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fees.py" line="48"/>
        <location filename="../../ui/intake/fees.py" line="87"/>
        <source>Số bản sao yêu cầu</source>
        <translation>Number of copies requested</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fees.py" line="133"/>
        <source>Tổng cộng: %1</source>
        <translation>Total: %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="224"/>
        <location filename="../../ui/intake/subject_form.py" line="96"/>
        <source>Ghi chú:</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="225"/>
        <source>Enter ở ô này để lưu hồ sơ</source>
        <translation>Enter in this field saves the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="226"/>
        <source>&amp;Lưu và in giấy tiếp nhận (Ctrl+S)</source>
        <translation>Save and print rece&amp;ipt (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="229"/>
        <source>Từ &amp;chối tiếp nhận…</source>
        <translation>Refuse to recei&amp;ve…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="230"/>
        <source>Hủy / nhập mới (Esc)</source>
        <translation>Discard / new (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="231"/>
        <source>&amp;Mở bản nháp</source>
        <translation>Open dr&amp;aft</translation>
    </message>
    <message>
        <location filename="../../ui/intake/drafts.py" line="123"/>
        <location filename="../../ui/intake/page.py" line="232"/>
        <source>Xóa bản nháp</source>
        <translation>Delete drafts</translation>
    </message>
    <message>
        <location filename="../../ui/intake/drafts.py" line="99"/>
        <location filename="../../ui/intake/page.py" line="235"/>
        <source>Có {n} hồ sơ đang nhập dở (bản nháp) chưa lưu.</source>
        <translation>{n} unfinished intake(s) saved as drafts.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/banners.py" line="69"/>
        <source>Đã hết dải số hồ sơ: hồ sơ tiếp nhận bây giờ sẽ mang MÃ TẠM (có chữ TAM) cho đến khi cổng dịch vụ công cấp mã chính thức. Hãy đồng bộ để nhận dải số mới.</source>
        <translation>No dossier numbers left: a dossier received now gets a PROVISIONAL code (with TAM) until the portal gives the final one. Sync to get new numbers.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/banners.py" line="72"/>
        <source>Sắp hết dải số hồ sơ: chỉ còn {n} số cho hôm nay. Hãy đồng bộ để nhận thêm; khi hết, mã hồ sơ sẽ là mã tạm.</source>
        <translation>Dossier numbers running low: only {n} left today. Sync to get more; when they run out, codes will be provisional.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="339"/>
        <source>Đổi thủ tục</source>
        <translation>Change procedure</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="340"/>
        <source>Đổi sang thủ tục khác? Danh mục giấy tờ đã đánh dấu sẽ được làm lại.</source>
        <translation>Switch to another procedure? The ticked checklist starts over.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="374"/>
        <source>Không tìm thấy thủ tục {code}</source>
        <translation>Procedure {code} not found</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="393"/>
        <source>Chưa chọn thủ tục.</source>
        <translation>No procedure chosen.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="401"/>
        <source>(không rõ)</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fees.py" line="45"/>
        <location filename="../../ui/intake/fees.py" line="72"/>
        <source>Đã thu</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../../ui/intake/documents_box.py" line="47"/>
        <source>Thành phần hồ sơ (Space: đã nhận, số: số bản, ↑↓: dòng, Enter: Lưu)</source>
        <translation>Documents (Space: received, digit: count, ↑↓: row, Enter: Save)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/documents_box.py" line="64"/>
        <source>Còn thiếu {n} giấy tờ: {names}</source>
        <translation>{n} document(s) missing: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_form.py" line="154"/>
        <location filename="../../ui/intake/applicant_form.py" line="183"/>
        <source>Họ &amp;và tên người nộp:</source>
        <translation>Person submittin&amp;g:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="440"/>
        <source>Đã điền thông tin người nộp từ CCCD số {id}: {name}.</source>
        <translation>Applicant filled in from ID card {id}: {name}.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/error_display.py" line="65"/>
        <source>Chưa lưu được hồ sơ: có {n} lỗi, xem ghi chú màu đỏ cạnh từng ô.</source>
        <translation>Not saved: {n} problem(s), see the red notes next to the fields.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="53"/>
        <source>Đang lưu hồ sơ và tạo giấy tiếp nhận…</source>
        <translation>Saving the dossier and making the receipt…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="61"/>
        <source>Yêu cầu bổ sung</source>
        <translation>Request missing documents</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="62"/>
        <source>Danh mục giấy tờ không có giấy tờ nào bị thiếu.</source>
        <translation>No document is missing from the checklist.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="67"/>
        <source>Lý do / nội dung cần bổ sung:</source>
        <translation>Reason / what must be added:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="79"/>
        <source>Từ chối tiếp nhận hồ sơ</source>
        <translation>Refuse the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="80"/>
        <source>Lý do từ chối:</source>
        <translation>Reason for refusal:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="86"/>
        <source>Đang ghi nhận từ chối và tạo phiếu từ chối…</source>
        <translation>Recording the refusal and making the refusal form…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="109"/>
        <source> (MÃ TẠM — chờ cổng dịch vụ công xác nhận)</source>
        <translation> (PROVISIONAL — waiting for the portal to confirm)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="112"/>
        <source>Đã tiếp nhận hồ sơ {code} của {name}. Hẹn trả kết quả: {due}.</source>
        <translation>Dossier {code} of {name} received. Result due: {due}.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="111"/>
        <source>(không có)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="123"/>
        <source>Đã ghi nhận từ chối tiếp nhận hồ sơ {code} của {name}.</source>
        <translation>Refusal of dossier {code} of {name} recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="126"/>
        <source>Không tạo được tệp PDF: {e}</source>
        <translation>Could not make the PDF: {e}</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="170"/>
        <source>Không lưu được hồ sơ: {e}</source>
        <translation>Could not save the dossier: {e}</translation>
    </message>
    <message>
        <location filename="../../ui/intake/drafts.py" line="58"/>
        <source>Lưu bản nháp hồ sơ đang nhập</source>
        <translation>Saving the draft of the intake</translation>
    </message>
    <message>
        <location filename="../../ui/intake/drafts.py" line="93"/>
        <source>(chưa có tên)</source>
        <translation>(no name yet)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/drafts.py" line="110"/>
        <location filename="../../ui/intake/drafts.py" line="115"/>
        <source>Mở bản nháp</source>
        <translation>Open draft</translation>
    </message>
    <message>
        <location filename="../../ui/intake/drafts.py" line="111"/>
        <source>Chọn hồ sơ nhập dở:</source>
        <translation>Choose an unfinished intake:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/drafts.py" line="116"/>
        <source>Bỏ hồ sơ đang nhập để mở bản nháp?</source>
        <translation>Drop the intake being typed and open the draft?</translation>
    </message>
    <message>
        <location filename="../../ui/intake/drafts.py" line="124"/>
        <source>Xóa tất cả hồ sơ nhập dở được liệt kê?</source>
        <translation>Delete all the listed unfinished intakes?</translation>
    </message>
    <message>
        <location filename="../../ui/intake/drafts.py" line="186"/>
        <source>Hủy hồ sơ đang nhập</source>
        <translation>Discard intake</translation>
    </message>
    <message>
        <location filename="../../ui/intake/drafts.py" line="187"/>
        <source>Bỏ hồ sơ đang nhập? Thông tin đã nhập và bản nháp sẽ bị xóa.</source>
        <translation>Discard this intake? What was typed and its draft will be deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="227"/>
        <source>&amp;Yêu cầu bổ sung (mẫu 02)…</source>
        <translation>Request to &amp;complete (form 02)…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="228"/>
        <source>Phiếu chờ bổ sung… (Ctrl+B)</source>
        <translation>Waiting requests… (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="49"/>
        <source>Đang tiếp nhận hồ sơ từ phiếu yêu cầu bổ sung…</source>
        <translation>Receiving the dossier from the request to complete…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="66"/>
        <source>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)</source>
        <translation>Request to complete the dossier (form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="74"/>
        <source>Đang lập phiếu yêu cầu bổ sung…</source>
        <translation>Issuing the request to complete…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="115"/>
        <source>Cách tính ngày hẹn: {rule}</source>
        <translation>How the appointment was computed: {rule}</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="119"/>
        <source>Hồ sơ của {name} CHƯA được tiếp nhận: đã lập phiếu yêu cầu bổ sung số {code} (còn thiếu: {missing}). Khi người nộp quay lại, mở phiếu bằng Ctrl+B.</source>
        <translation>The dossier of {name} was NOT received: request to complete {code} issued (missing: {missing}). When the applicant comes back, open it with Ctrl+B.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="175"/>
        <source>Hồ sơ chưa đầy đủ, KHÔNG tiếp nhận. Còn thiếu {n} giấy tờ: {names}. Lập phiếu yêu cầu bổ sung (mẫu 02) hoặc từ chối tiếp nhận (mẫu 03).</source>
        <translation>Incomplete dossier, NOT received. {n} document(s) missing: {names}. Issue a request to complete (form 02) or a refusal (form 03).</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="194"/>
        <source>Phiếu yêu cầu bổ sung</source>
        <translation>Requests to complete</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="195"/>
        <source>Không có phiếu yêu cầu bổ sung nào đang chờ.</source>
        <translation>No request to complete is waiting.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="198"/>
        <source>thiếu: {m}</source>
        <translation>missing: {m}</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="205"/>
        <source>Tiếp nhận từ phiếu yêu cầu bổ sung</source>
        <translation>Receive from a request to complete</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="206"/>
        <source>Chọn phiếu của người nộp đã quay lại:</source>
        <translation>Choose the request of the applicant who came back:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="209"/>
        <source>Mở phiếu yêu cầu bổ sung</source>
        <translation>Open a request to complete</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="210"/>
        <source>Bỏ hồ sơ đang nhập để mở phiếu?</source>
        <translation>Discard the intake being typed to open the request?</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="223"/>
        <source>Tiếp nhận từ phiếu yêu cầu bổ sung số {number}: đánh dấu các giấy tờ đã nộp bổ sung ({missing}), rồi Ctrl+S.</source>
        <translation>Receiving from request to complete {number}: tick the documents now handed in ({missing}), then Ctrl+S.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="250"/>
        <source>Hồ sơ chưa đầy đủ</source>
        <translation>Incomplete dossier</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="251"/>
        <source>Hồ sơ chưa đầy đủ nên không được tiếp nhận. Còn thiếu:</source>
        <translation>The dossier is incomplete and cannot be received. Missing:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="253"/>
        <source>&amp;Lập phiếu yêu cầu bổ sung (mẫu 02)</source>
        <translation>Issue a &amp;request to complete (form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="255"/>
        <source>&amp;Từ chối tiếp nhận (mẫu 03)</source>
        <translation>Re&amp;fuse (form 03)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/saving.py" line="257"/>
        <source>&amp;Quay lại sửa</source>
        <translation>&amp;Back to the form</translation>
    </message>
    <message>
        <location filename="../../ui/intake/subject_form.py" line="87"/>
        <source>Người được giải quyết</source>
        <translation>Person concerned</translation>
    </message>
    <message>
        <location filename="../../ui/intake/subject_form.py" line="88"/>
        <source>Quan &amp;hệ của người nộp:</source>
        <translation>Applicant&apos;s re&amp;lationship:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/subject_form.py" line="89"/>
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/subject_form.py" line="90"/>
        <source>Giấy ủy quyền:</source>
        <translation>Authorisation:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/subject_form.py" line="91"/>
        <source>số, ngày</source>
        <translation>number, date</translation>
    </message>
    <message>
        <location filename="../../ui/intake/subject_form.py" line="92"/>
        <source>Ngày sinh:</source>
        <translation>Date of birth:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/subject_form.py" line="94"/>
        <source>Giới tính:</source>
        <translation>Sex:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/subject_form.py" line="95"/>
        <source>Số định danh:</source>
        <translation>ID number:</translation>
    </message>
</context>
<context>
    <name>LazyTab</name>
    <message>
        <location filename="../../ui/lazy_page.py" line="51"/>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
</context>
<context>
    <name>LedgerJob</name>
    <message>
        <location filename="../../ui/printing/jobs.py" line="59"/>
        <source>Sổ theo dõi hồ sơ {a} – {b}</source>
        <translation>Dossier ledger {a} – {b}</translation>
    </message>
    <message>
        <location filename="../../ui/printing/jobs.py" line="104"/>
        <source>Ghi nhật ký in</source>
        <translation>Writing the print log</translation>
    </message>
    <message>
        <location filename="../../ui/printing/jobs.py" line="122"/>
        <source>Không in được sổ theo dõi</source>
        <translation>The ledger could not be printed</translation>
    </message>
</context>
<context>
    <name>LifecycleActions</name>
    <message>
        <location filename="../../ui/dossiers/lifecycle_actions.py" line="61"/>
        <source>&amp;Giải quyết ngay</source>
        <translation>&amp;Resolve now</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_actions.py" line="62"/>
        <source>Thủ tục giải quyết xong tại quầy: chuyển sang &quot;Đã xử lý xong&quot;</source>
        <translation>Procedure settled at the counter: set to &quot;Processed&quot;</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_actions.py" line="63"/>
        <source>T&amp;rả kết quả…</source>
        <translation>Re&amp;turn result…</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_actions.py" line="64"/>
        <source>Th&amp;u phí…</source>
        <translation>R&amp;ecord payment…</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_actions.py" line="65"/>
        <source>&amp;Xin lỗi, gia hạn…</source>
        <translation>&amp;Apology, extension…</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_actions.py" line="66"/>
        <source>Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (mẫu 04)</source>
        <translation>Apology and request to extend the processing time (form 04)</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_actions.py" line="95"/>
        <source>Hồ sơ {code} đã giải quyết xong tại quầy, có thể trả kết quả.</source>
        <translation>Dossier {code} was settled at the counter; the result can be returned.</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_actions.py" line="122"/>
        <source>Đã trả kết quả hồ sơ {code}.</source>
        <translation>Result of dossier {code} returned.</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_actions.py" line="158"/>
        <source>Đã ghi nhận thu phí, lệ phí hồ sơ {code}.</source>
        <translation>Payment recorded for dossier {code}.</translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <location filename="../../ui/lock_screen.py" line="89"/>
        <source>&amp;Mở khoá</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="90"/>
        <source>Đổi &amp;cán bộ…</source>
        <translation>Switch &amp;officer…</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="114"/>
        <source>Màn hình đã khoá để bảo vệ dữ liệu cá nhân: cán bộ đăng nhập để mở</source>
        <translation>Screen locked to protect personal data: an officer signs in to open it</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="116"/>
        <source>Màn hình đã khoá để bảo vệ dữ liệu cá nhân. Trạm chưa có người dùng nên không có mật khẩu để hỏi: quản trị thêm người dùng (Tệp → Quản lý người dùng…) để khoá bằng mật khẩu.</source>
        <translation>Screen locked to protect personal data. This counter has no users, so there is no password to ask: an admin adds users (File → Manage users…) to lock it with a password.</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="129"/>
        <source>Sai mật khẩu</source>
        <translation>Wrong password</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="111"/>
        <source>Màn hình đã khoá — {name}: nhập mật khẩu để mở</source>
        <translation>Locked — {name}: type your password to unlock</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="162"/>
        <source>Counter — Bộ phận Một cửa</source>
        <translation>Counter — One-stop counter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163"/>
        <source>Danh mục &amp;thủ tục</source>
        <translation>&amp;Procedure catalog</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="164"/>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="165"/>
        <source>&amp;Nhập danh mục thủ tục…</source>
        <translation>&amp;Import procedure catalog…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="166"/>
        <source>&amp;Thoát</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167"/>
        <source>&amp;Ngôn ngữ</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="169"/>
        <source>Đăng &amp;nhập cổng…</source>
        <translation>Sign &amp;in to the portal…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="170"/>
        <source>Đăng &amp;xuất</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172"/>
        <source>Mục &amp;cần xử lý…</source>
        <translation>Items needing &amp;attention…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="173"/>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174"/>
        <source>&amp;Kiểm tra máy…</source>
        <translation>&amp;Check this PC…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="175"/>
        <source>&amp;Giới thiệu</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179"/>
        <location filename="../../ui/main_window.py" line="338"/>
        <source>Chưa đăng nhập cổng</source>
        <translation>Not signed in to the portal</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182"/>
        <source>Đang mở dữ liệu…</source>
        <translation>Opening data…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="184"/>
        <source>Dữ liệu: {path}</source>
        <translation>Data: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="207"/>
        <source>Một số chức năng không tải được: {e}</source>
        <translation>Some functions could not be loaded: {e}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="233"/>
        <source>Xóa thông tin cá nhân của hồ sơ cũ</source>
        <translation>Removing the personal data of old dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="239"/>
        <source>Đã xóa thông tin cá nhân của {n} hồ sơ cũ khỏi máy này (lưu {d} ngày)</source>
        <translation>Personal data of {n} old dossiers removed from this PC (kept {d} days)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="269"/>
        <source>Thiếu tệp ngôn ngữ / language file missing</source>
        <translation>Language file missing</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="291"/>
        <source>Nhập danh mục thủ tục</source>
        <translation>Import procedure catalog</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="291"/>
        <source>Tệp JSON (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="296"/>
        <source>Đang nhập danh mục…</source>
        <translation>Importing catalog…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="306"/>
        <source>Thêm mới: {a}; cập nhật: {u}; từ chối: {r}</source>
        <translation>Added: {a}; updated: {u}; refused: {r}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="284"/>
        <location filename="../../ui/main_window.py" line="311"/>
        <location filename="../../ui/main_window.py" line="315"/>
        <location filename="../../ui/main_window.py" line="324"/>
        <source>Nhập danh mục</source>
        <translation>Catalog import</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="168"/>
        <source>Đồng &amp;bộ</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171"/>
        <source>Đồng bộ n&amp;gay</source>
        <translation>Sync &amp;now</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="341"/>
        <source> (ngoại tuyến)</source>
        <translation> (offline)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="373"/>
        <source>Giới thiệu</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="374"/>
        <source>Counter {v}
Phần mềm cho Bộ phận Tiếp nhận và Trả kết quả.</source>
        <translation>Counter {v}
Software for the one-stop reception and result counter.</translation>
    </message>
</context>
<context>
    <name>OfficerControls</name>
    <message>
        <location filename="../../ui/officer_controls.py" line="88"/>
        <source>Đổi &amp;cán bộ…</source>
        <translation>Switch &amp;officer…</translation>
    </message>
    <message>
        <location filename="../../ui/officer_controls.py" line="89"/>
        <source>Cán bộ đăng &amp;xuất</source>
        <translation>Officer &amp;sign out</translation>
    </message>
    <message>
        <location filename="../../ui/officer_controls.py" line="92"/>
        <source>Chưa có cán bộ đăng nhập</source>
        <translation>No officer signed in</translation>
    </message>
    <message>
        <location filename="../../ui/officer_controls.py" line="94"/>
        <source>Cán bộ: {name} (theo cấu hình)</source>
        <translation>Officer: {name} (configured)</translation>
    </message>
    <message>
        <location filename="../../ui/officer_controls.py" line="96"/>
        <source>Cán bộ: {name}</source>
        <translation>Officer: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/officer_controls.py" line="116"/>
        <source>Lưu người dùng của cổng vào máy này</source>
        <translation>Saving the portal user on this computer</translation>
    </message>
</context>
<context>
    <name>PageListModel</name>
    <message>
        <location filename="../../ui/scan/model.py" line="96"/>
        <source>Trang {n}</source>
        <translation>Page {n}</translation>
    </message>
    <message>
        <location filename="../../ui/scan/model.py" line="98"/>
        <source>tờ phân cách</source>
        <translation>separator sheet</translation>
    </message>
    <message>
        <location filename="../../ui/scan/model.py" line="100"/>
        <source>trắng — bỏ</source>
        <translation>blank — dropped</translation>
    </message>
    <message>
        <location filename="../../ui/scan/model.py" line="100"/>
        <source>trắng — giữ</source>
        <translation>blank — kept</translation>
    </message>
</context>
<context>
    <name>PagePreview</name>
    <message>
        <location filename="../../ui/scan/preview.py" line="112"/>
        <source>Thu nhỏ (− hoặc Ctrl+lăn chuột)</source>
        <translation>Zoom out (− or Ctrl+wheel)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/preview.py" line="113"/>
        <source>Phóng to (+ hoặc Ctrl+lăn chuột)</source>
        <translation>Zoom in (+ or Ctrl+wheel)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/preview.py" line="114"/>
        <source>Vừa chiều ngang</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../ui/scan/preview.py" line="115"/>
        <source>Vừa chiều ngang (Ctrl+0)</source>
        <translation>Fit width (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/preview.py" line="116"/>
        <source>Cả trang</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <location filename="../../ui/scan/preview.py" line="117"/>
        <source>Xem cả trang (Ctrl+9)</source>
        <translation>Whole page (Ctrl+9)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/preview.py" line="169"/>
        <source>Tạo ảnh xem trước trang</source>
        <translation>Making the page preview</translation>
    </message>
</context>
<context>
    <name>PasswordForm</name>
    <message>
        <location filename="../../ui/users/password_form.py" line="40"/>
        <source>Đặt lại mật khẩu</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../ui/users/password_form.py" line="45"/>
        <source>&amp;Mật khẩu mới:</source>
        <translation>&amp;New password:</translation>
    </message>
    <message>
        <location filename="../../ui/users/password_form.py" line="46"/>
        <source>&amp;Nhập lại:</source>
        <translation>&amp;Confirm:</translation>
    </message>
    <message>
        <location filename="../../ui/users/password_form.py" line="62"/>
        <source>Hai lần nhập mật khẩu không khớp</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../ui/dossiers/lifecycle_dialogs.py" line="123"/>
        <source>Thu phí, lệ phí — {code}</source>
        <translation>Fees — {code}</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_dialogs.py" line="129"/>
        <source>&amp;Hình thức thu:</source>
        <translation>Payment &amp;method:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_dialogs.py" line="130"/>
        <source>&amp;Thời điểm thu:</source>
        <translation>Paid &amp;at:</translation>
    </message>
</context>
<context>
    <name>PeriodExport</name>
    <message>
        <location filename="../../ui/dashboard/period_export.py" line="75"/>
        <source>Xuất &amp;Excel…</source>
        <translation>Export &amp;Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_export.py" line="76"/>
        <source>Xuất P&amp;DF…</source>
        <translation>Export P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_export.py" line="90"/>
        <source>Tệp Excel (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_export.py" line="90"/>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_export.py" line="91"/>
        <source>Xuất báo cáo</source>
        <translation>Export the report</translation>
    </message>
</context>
<context>
    <name>PeriodPanel</name>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="105"/>
        <source>&amp;Kỳ:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="106"/>
        <source>chứa ngà&amp;y:</source>
        <translation>containing da&amp;y:</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="107"/>
        <source>&amp;Theo:</source>
        <translation>&amp;By:</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="108"/>
        <source>Ngày</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="108"/>
        <source>Tuần</source>
        <translation>Week</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="108"/>
        <source>Tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="109"/>
        <source>Quý</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="109"/>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="110"/>
        <source>Tổng hợp</source>
        <translation>Totals only</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="110"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="110"/>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="111"/>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="111"/>
        <source>Kênh tiếp nhận</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="120"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="120"/>
        <source>Đã giải quyết</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="121"/>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="121"/>
        <source>Trễ hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="121"/>
        <source>Tỷ lệ đúng hạn</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="122"/>
        <source>Đã trả</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="122"/>
        <source>Từ chối</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="123"/>
        <source>YC bổ sung (02)</source>
        <translation>Requests to complete (02)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="123"/>
        <source>TG TB (ngày LV)</source>
        <translation>Avg time (working days)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="124"/>
        <source>Tỷ lệ số hoá</source>
        <translation>Share digitized</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="124"/>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="125"/>
        <source>Phí đã thu (đ)</source>
        <translation>Fees collected (VND)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="126"/>
        <source>Nhóm</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="170"/>
        <source>Số liệu theo kỳ: {period}</source>
        <translation>A period&apos;s figures: {period}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="171"/>
        <source>Nguồn: cơ sở dữ liệu của quầy này</source>
        <translation>Source: this counter&apos;s database</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/period_view.py" line="179"/>
        <source>Tổng cộng</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../../ui/printing/dialog.py" line="112"/>
        <location filename="../../ui/printing/dialog.py" line="179"/>
        <source>In: {what}</source>
        <translation>Print: {what}</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="114"/>
        <source>&amp;Từ ngày:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="115"/>
        <source>đế&amp;n ngày:</source>
        <translation>&amp;to:</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="116"/>
        <source>&amp;Xem trước</source>
        <translation>Pre&amp;view</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="117"/>
        <source>&amp;Máy in:</source>
        <translation>Print&amp;er:</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="118"/>
        <source>&amp;In</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="119"/>
        <source>&amp;Lưu PDF…</source>
        <translation>&amp;Save PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="120"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="132"/>
        <source>{n} hồ sơ sẽ được in.</source>
        <translation>{n} dossiers will be printed.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="134"/>
        <source>Không in {n} hồ sơ:</source>
        <translation>{n} dossiers not printed:</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="148"/>
        <source>{name} (không thấy trên máy này)</source>
        <translation>{name} (not found on this PC)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="150"/>
        <source>(máy này chưa có máy in)</source>
        <translation>(no printer on this PC)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="156"/>
        <source>Máy in của mẫu này do bộ phận CNTT chọn</source>
        <translation>IT chose the printer for this form</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="168"/>
        <source>Ngày kết thúc trước ngày bắt đầu.</source>
        <translation>The end date is before the start date.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="175"/>
        <source>Bấm &quot;Xem trước&quot; để xem các trang của ngày đã chọn.</source>
        <translation>Press &quot;Preview&quot; to see the pages for the chosen dates.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="190"/>
        <source>{n} hồ sơ tiếp nhận trong các ngày đã chọn.</source>
        <translation>{n} dossiers received on the chosen dates.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="229"/>
        <source>Đang in…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="231"/>
        <source>Đã gửi tới máy in {name}.</source>
        <translation>Sent to the printer {name}.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="240"/>
        <source>Lưu PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="241"/>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="248"/>
        <source>Đang lưu PDF…</source>
        <translation>Saving the PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="253"/>
        <source>Đã lưu {path}</source>
        <translation>Saved {path}</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <location filename="../../ui/sync_dialogs.py" line="67"/>
        <source>Mục đồng bộ cần xử lý</source>
        <translation>Sync items needing attention</translation>
    </message>
    <message>
        <location filename="../../ui/sync_dialogs.py" line="73"/>
        <source>Giữ bản của &amp;quầy</source>
        <translation>Keep the &amp;counter&apos;s version</translation>
    </message>
    <message>
        <location filename="../../ui/sync_dialogs.py" line="74"/>
        <source>Lấy bản của &amp;cổng</source>
        <translation>Take the &amp;portal&apos;s version</translation>
    </message>
    <message>
        <location filename="../../ui/sync_dialogs.py" line="75"/>
        <source>&amp;Gửi lại</source>
        <translation>&amp;Send again</translation>
    </message>
    <message>
        <location filename="../../ui/sync_dialogs.py" line="76"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/sync_dialogs.py" line="84"/>
        <source>Bản của quầy</source>
        <translation>Counter&apos;s version</translation>
    </message>
    <message>
        <location filename="../../ui/sync_dialogs.py" line="84"/>
        <source>Bản của cổng</source>
        <translation>Portal&apos;s version</translation>
    </message>
    <message>
        <location filename="../../ui/sync_dialogs.py" line="111"/>
        <source>Xung đột</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../ui/sync_dialogs.py" line="111"/>
        <source>Cần xử lý</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../ui/sync_dialogs.py" line="118"/>
        <source>Không có mục nào cần xử lý.</source>
        <translation>Nothing needs attention.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_dialogs.py" line="132"/>
        <source>(cổng không gửi kèm phiên bản)</source>
        <translation>(the portal sent no version)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_dialogs.py" line="146"/>
        <source>Chỉ lãnh đạo (supervisor) hoặc quản trị (admin) được quyết định xung đột.</source>
        <translation>Only a supervisor or an admin may decide a conflict.</translation>
    </message>
</context>
<context>
    <name>QueueActions</name>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="128"/>
        <source>Đã hẹn lại ngày trả và lập mẫu 04 cho hồ sơ {code}.</source>
        <translation>New date recorded and form 04 made for dossier {code}.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="139"/>
        <location filename="../../ui/dashboard/actions.py" line="159"/>
        <source>Người nộp:</source>
        <translation>Applicant:</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="139"/>
        <source>Hồ sơ:</source>
        <translation>Dossier:</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="140"/>
        <source>Kết quả về:</source>
        <translation>Result back:</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="142"/>
        <source>Lần gọi trước:</source>
        <translation>Last call:</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="144"/>
        <source>Gọi điện báo nhận kết quả — {code}</source>
        <translation>Call to collect the result — {code}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="145"/>
        <source>Đã &amp;gọi</source>
        <translation>&amp;Called</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="159"/>
        <source>Thủ tục:</source>
        <translation>Procedure:</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="160"/>
        <source>Ngày lập phiếu:</source>
        <translation>Issued on:</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="161"/>
        <source>Còn thiếu:</source>
        <translation>Still missing:</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="162"/>
        <source>Nhắc bổ sung hồ sơ — phiếu {n}</source>
        <translation>Follow up a request to complete — {n}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="163"/>
        <source>Đã &amp;nhắc</source>
        <translation>Followed &amp;up</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="173"/>
        <source>Đã ghi nhận cuộc gọi cho hồ sơ {key}.</source>
        <translation>The call about dossier {key} was recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="174"/>
        <source>Đã ghi nhận nhắc lại phiếu {key}.</source>
        <translation>The follow-up of request {key} was recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="181"/>
        <source>Tổng quan</source>
        <translation>Dashboard</translation>
    </message>
</context>
<context>
    <name>QueuesPanel</name>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="163"/>
        <source>In &amp;mẫu 04 (xin lỗi, gia hạn)…</source>
        <translation>Print form 04 (apology, e&amp;xtension)…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="164"/>
        <source>In mẫu &amp;04 cho hồ sơ quá hạn…</source>
        <translation>Print form &amp;04 for the overdue dossier…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="165"/>
        <source>&amp;Gọi điện báo nhận kết quả…</source>
        <translation>&amp;Call to collect the result…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="166"/>
        <source>Đánh dấu đã &amp;nhắc…</source>
        <translation>Mark followed &amp;up…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="167"/>
        <location filename="../../ui/dashboard/queues_view.py" line="169"/>
        <location filename="../../ui/dashboard/queues_view.py" line="171"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="167"/>
        <location filename="../../ui/dashboard/queues_view.py" line="169"/>
        <location filename="../../ui/dashboard/queues_view.py" line="171"/>
        <location filename="../../ui/dashboard/queues_view.py" line="173"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="167"/>
        <location filename="../../ui/dashboard/queues_view.py" line="169"/>
        <location filename="../../ui/dashboard/queues_view.py" line="174"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="167"/>
        <location filename="../../ui/dashboard/queues_view.py" line="169"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="168"/>
        <source>Ngày</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="168"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="170"/>
        <source>Trễ (ngày LV)</source>
        <translation>Late (working days)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="171"/>
        <location filename="../../ui/dashboard/queues_view.py" line="173"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="172"/>
        <source>Kết quả về</source>
        <translation>Result back</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="172"/>
        <location filename="../../ui/dashboard/queues_view.py" line="174"/>
        <source>Chờ (ngày)</source>
        <translation>Waiting (days)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="172"/>
        <source>Đã gọi</source>
        <translation>Called</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="173"/>
        <source>Số phiếu</source>
        <translation>Request number</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="174"/>
        <source>Ngày lập</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="189"/>
        <source>Ngày mai</source>
        <translation>Tomorrow</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="191"/>
        <source>Ngày làm việc tiếp theo</source>
        <translation>Next working day</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="193"/>
        <source>Hẹn trả hôm nay và {day} ({date})</source>
        <translation>Due today and {day} ({date})</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="196"/>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="200"/>
        <source>Quá hạn, theo số ngày làm việc trễ</source>
        <translation>Overdue, by working days late</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="212"/>
        <source>Có kết quả, chưa đến nhận sau {n} ngày làm việc</source>
        <translation>Results not collected after {n} working days</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="216"/>
        <source>chưa gọi</source>
        <translation>not called</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="218"/>
        <location filename="../../ui/dashboard/queues_view.py" line="224"/>
        <source>không có số</source>
        <translation>no number</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="220"/>
        <source>Phiếu yêu cầu bổ sung chưa nhắc lại (sau {n} ngày làm việc)</source>
        <translation>Requests to complete never followed up (after {n} working days)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="231"/>
        <source>Không có hồ sơ hẹn trả hôm nay hoặc ngày mai.</source>
        <translation>No dossier due today or tomorrow.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="232"/>
        <source>Không có hồ sơ quá hạn.</source>
        <translation>No overdue dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="233"/>
        <source>Không có kết quả nào chờ công dân đến nhận quá hạn.</source>
        <translation>No result has been waiting too long for collection.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="234"/>
        <source>Không có phiếu yêu cầu bổ sung cần nhắc lại.</source>
        <translation>No request to complete needs a follow-up.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="237"/>
        <source>{n} phiếu</source>
        <translation>{n} requests</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="237"/>
        <source>{n} hồ sơ</source>
        <translation>{n} dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/queues_view.py" line="240"/>
        <source>{n} đầu tiên trong {total}</source>
        <translation>first {n} of {total}</translation>
    </message>
</context>
<context>
    <name>RatingPanel</name>
    <message>
        <location filename="../../ui/rating/panel.py" line="85"/>
        <source>Ông/bà có hài lòng với việc giải quyết hồ sơ {code}?</source>
        <translation>Are you satisfied with how dossier {code} was handled?</translation>
    </message>
    <message>
        <location filename="../../ui/rating/panel.py" line="86"/>
        <source>1  Hài lòng</source>
        <translation>1  Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/rating/panel.py" line="87"/>
        <source>2  Bình thường</source>
        <translation>2  Neither</translation>
    </message>
    <message>
        <location filename="../../ui/rating/panel.py" line="88"/>
        <source>3  Không hài lòng</source>
        <translation>3  Not satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/rating/panel.py" line="89"/>
        <source>Lý do (không bắt buộc, chọn trước khi đánh giá):</source>
        <translation>Reasons (optional, tick before rating):</translation>
    </message>
    <message>
        <location filename="../../ui/rating/panel.py" line="90"/>
        <source>Bỏ qua (Esc)</source>
        <translation>Skip (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/rating/panel.py" line="119"/>
        <source>Cảm ơn ông/bà đã đánh giá!</source>
        <translation>Thank you for your rating!</translation>
    </message>
</context>
<context>
    <name>RatingWindow</name>
    <message>
        <location filename="../../ui/rating/controller.py" line="46"/>
        <source>Đánh giá mức độ hài lòng</source>
        <translation>Rate our service</translation>
    </message>
</context>
<context>
    <name>RecoveryMixin</name>
    <message>
        <location filename="../../ui/scan/recovery.py" line="76"/>
        <source>Tìm lô quét dở</source>
        <translation>Looking for unfinished scan batches</translation>
    </message>
    <message>
        <location filename="../../ui/scan/recovery.py" line="91"/>
        <source>Tiếp tục lô quét dở? {n} trang, bắt đầu lúc {when}</source>
        <translation>Resume the unfinished scan batch? {n} page(s), started {when}</translation>
    </message>
    <message>
        <location filename="../../ui/scan/recovery.py" line="94"/>
        <source>, hồ sơ {code}</source>
        <translation>, dossier {code}</translation>
    </message>
    <message>
        <location filename="../../ui/scan/recovery.py" line="96"/>
        <source> (còn {m} lô khác)</source>
        <translation> ({m} more batch(es))</translation>
    </message>
    <message>
        <location filename="../../ui/scan/recovery.py" line="112"/>
        <source>Đã mở lại lô quét dở ({n} trang).</source>
        <translation>Unfinished batch reopened ({n} page(s)).</translation>
    </message>
    <message>
        <location filename="../../ui/scan/recovery.py" line="119"/>
        <source>Bỏ lô quét</source>
        <translation>Discard scan batch</translation>
    </message>
    <message>
        <location filename="../../ui/scan/recovery.py" line="119"/>
        <source>Xóa hẳn lô quét dở này? Các trang đã quét sẽ mất.</source>
        <translation>Delete this unfinished batch for good? Its scanned pages will be lost.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/recovery.py" line="146"/>
        <source>Tìm tài liệu chờ nhận dạng chữ</source>
        <translation>Looking for documents waiting for text recognition</translation>
    </message>
    <message>
        <location filename="../../ui/scan/recovery.py" line="169"/>
        <source>Chưa cấu hình ký số ([signing] trong site.toml) / signing is not configured</source>
        <translation>Signing is not configured ([signing] in site.toml)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/recovery.py" line="187"/>
        <source>Nhận dạng chữ (OCR) thất bại; tệp PDF vẫn được lưu: {e}</source>
        <translation>Text recognition (OCR) failed; the PDF is kept: {e}</translation>
    </message>
</context>
<context>
    <name>ResultActions</name>
    <message>
        <location filename="../../ui/dossiers/result_actions.py" line="117"/>
        <source>Số hóa &amp;kết quả…</source>
        <translation>&amp;Digitize result…</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/result_actions.py" line="118"/>
        <source>Quét hoặc chọn ảnh/PDF của giấy tờ kết quả, ký số và đính kèm hồ sơ</source>
        <translation>Scan or pick images/PDFs of the result document, sign them and attach them to the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/result_actions.py" line="148"/>
        <source>Ký số</source>
        <translation>Digital signature</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/result_actions.py" line="148"/>
        <source>Mật khẩu / mã PIN chữ ký số của cơ quan:</source>
        <translation>Password / PIN of the agency&apos;s signing key:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/result_actions.py" line="156"/>
        <source>Đã số hóa kết quả hồ sơ {code}; sẽ tải lên khi đồng bộ.</source>
        <translation>The result of dossier {code} is digitized; it will be uploaded at the next sync.</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/result_actions.py" line="167"/>
        <source>đã số hóa</source>
        <translation>digitized</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/result_actions.py" line="167"/>
        <source>đã ký số</source>
        <translation>signed</translation>
    </message>
</context>
<context>
    <name>ResultDialog</name>
    <message>
        <location filename="../../ui/dossiers/result_actions.py" line="57"/>
        <source>Số hóa kết quả — {code}</source>
        <translation>Digitize the result — {code}</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/result_actions.py" line="65"/>
        <source>&amp;Giấy tờ kết quả:</source>
        <translation>&amp;Result document:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/result_actions.py" line="69"/>
        <location filename="../../ui/dossiers/result_actions.py" line="93"/>
        <source>Chưa chọn tệp</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/result_actions.py" line="71"/>
        <source>&amp;Chọn ảnh hoặc PDF…</source>
        <translation>&amp;Choose images or PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/result_actions.py" line="74"/>
        <source>Tệp:</source>
        <translation>Files:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/result_actions.py" line="75"/>
        <source>Bản số hóa là PDF/A, ký số nếu trạm có ký số (NĐ 45/2020, TT 01/2023/TT-VPCP).</source>
        <translation>The digitized copy is PDF/A, signed when this site signs (Decree 45/2020, Circular 01/2023/TT-VPCP).</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/result_actions.py" line="87"/>
        <source>Ảnh hoặc PDF của kết quả</source>
        <translation>Images or PDF of the result</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/result_actions.py" line="87"/>
        <source>Tài liệu (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
        <translation>Documents (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../ui/dossiers/lifecycle_dialogs.py" line="63"/>
        <source>Trả kết quả hồ sơ {code}</source>
        <translation>Return the result of dossier {code}</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_dialogs.py" line="65"/>
        <source>Chính người nộp hồ sơ nhận ({name})</source>
        <translation>Collected by the applicant ({name})</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_dialogs.py" line="71"/>
        <source>&amp;Người nhận (họ tên):</source>
        <translation>Collected &amp;by (full name):</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_dialogs.py" line="72"/>
        <source>Số &amp;CCCD/CMND/hộ chiếu:</source>
        <translation>&amp;ID card / passport number:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers/lifecycle_dialogs.py" line="73"/>
        <source>Ghi chú:</source>
        <translation>Note:</translation>
    </message>
</context>
<context>
    <name>ReusePanel</name>
    <message>
        <location filename="../../ui/scan/reuse_panel.py" line="40"/>
        <source>Giấy tờ đã số hóa của người nộp (dùng lại, không quét lại)</source>
        <translation>Applicant&apos;s documents already digitized (reuse, don&apos;t rescan)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/reuse_panel.py" line="41"/>
        <source>&amp;Dùng lại cho hồ sơ này</source>
        <translation>&amp;Reuse for this dossier</translation>
    </message>
    <message>
        <location filename="../../ui/scan/reuse_panel.py" line="57"/>
        <source>Tìm giấy tờ đã số hóa của người nộp</source>
        <translation>Finding the applicant&apos;s digitized papers</translation>
    </message>
    <message>
        <location filename="../../ui/scan/reuse_panel.py" line="69"/>
        <source>(chưa gắn hồ sơ)</source>
        <translation>(no dossier)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/reuse_panel.py" line="70"/>
        <source>Kết quả: {name} · {n} trang · hồ sơ {where}</source>
        <translation>Result: {name} · {n} page(s) · dossier {where}</translation>
    </message>
    <message>
        <location filename="../../ui/scan/reuse_panel.py" line="72"/>
        <source>{doc} · {n} trang · hồ sơ {where}</source>
        <translation>{doc} · {n} page(s) · dossier {where}</translation>
    </message>
</context>
<context>
    <name>ScanPage</name>
    <message>
        <location filename="../../ui/scan/page.py" line="207"/>
        <source>Tiếp tục</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../ui/scan/page.py" line="208"/>
        <source>Bỏ lô này</source>
        <translation>Discard this batch</translation>
    </message>
    <message>
        <location filename="../../ui/scan/page.py" line="209"/>
        <source>Ký ngay…</source>
        <translation>Sign now…</translation>
    </message>
    <message>
        <location filename="../../ui/scan/page.py" line="211"/>
        <source>{n} tài liệu đã đính kèm đang chờ nhận dạng chữ và ký số.</source>
        <translation>{n} attached document(s) waiting for text recognition and signing.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/page.py" line="306"/>
        <source>Chưa chọn máy quét / no scanner chosen</source>
        <translation>No scanner chosen</translation>
    </message>
    <message>
        <location filename="../../ui/scan/page.py" line="315"/>
        <source>Đang quét…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <location filename="../../ui/scan/page.py" line="322"/>
        <source>Thêm tệp vào lô</source>
        <translation>Add files to the batch</translation>
    </message>
    <message>
        <location filename="../../ui/scan/page.py" line="322"/>
        <source>Tài liệu (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
        <translation>Documents (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/page.py" line="332"/>
        <source>Đang quét, chờ xong rồi thêm tệp / scanning, add the files afterwards</source>
        <translation>Scanning: add the files once it is done</translation>
    </message>
    <message>
        <location filename="../../ui/scan/page.py" line="338"/>
        <source>Không nhận loại tệp: {names} (chỉ PDF, JPEG, PNG, TIFF) / only PDF, JPEG, PNG, TIFF</source>
        <translation>File type not accepted: {names} (only PDF, JPEG, PNG, TIFF)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/page.py" line="346"/>
        <source>Đang đọc {n} tệp…</source>
        <translation>Reading {n} file(s)…</translation>
    </message>
    <message>
        <location filename="../../ui/scan/page.py" line="375"/>
        <source>Đã nhận {n} trang…</source>
        <translation>{n} page(s) received…</translation>
    </message>
    <message>
        <location filename="../../ui/scan/page.py" line="382"/>
        <source>Máy quét không trả về trang nào (hết giấy?) / the scanner returned no pages</source>
        <translation>The scanner returned no pages (out of paper?)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/page.py" line="383"/>
        <source>Không có trang nào trong tệp / no pages in the files</source>
        <translation>No pages in the files</translation>
    </message>
    <message>
        <location filename="../../ui/scan/page.py" line="386"/>
        <source>Đã thêm {n} trang.</source>
        <translation>{n} page(s) added.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/page.py" line="395"/>
        <source>Lỗi khi nạp trang (các trang đã nhận vẫn được giữ): {e}</source>
        <translation>Loading pages failed (the pages received are kept): {e}</translation>
    </message>
</context>
<context>
    <name>ScanPages</name>
    <message>
        <location filename="../../ui/scan/install.py" line="76"/>
        <source>Số hóa (Ctrl+D)</source>
        <translation>Digitize (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/install.py" line="78"/>
        <source>— {n} lô quét dở</source>
        <translation>— {n} unfinished batch(es)</translation>
    </message>
</context>
<context>
    <name>ScannerPanel</name>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="122"/>
        <source>Máy quét</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="123"/>
        <source>Loại</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="124"/>
        <source>Máy quét USB (SANE)</source>
        <translation>USB scanner (SANE)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="125"/>
        <source>Máy quét mạng (eSCL)</source>
        <translation>Network scanner (eSCL)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="129"/>
        <source>Thiết bị</source>
        <translation>Device</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="130"/>
        <source>Tìm</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="131"/>
        <source>Địa chỉ eSCL</source>
        <translation>eSCL address</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="132"/>
        <source>Độ phân giải</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="133"/>
        <source>Màu</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="134"/>
        <source>Màu (đúng quy định)</source>
        <translation>Colour (meets the rules)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="135"/>
        <source>Xám</source>
        <translation>Gray</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="136"/>
        <source>Nguồn giấy</source>
        <translation>Paper source</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="137"/>
        <source>Mặt kính</source>
        <translation>Flatbed</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="138"/>
        <source>Khay nạp giấy</source>
        <translation>Document feeder</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="139"/>
        <source>Khay nạp hai mặt</source>
        <translation>Feeder, both sides</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="140"/>
        <source>&amp;Quét</source>
        <translation>&amp;Scan</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="141"/>
        <source>Thêm &amp;tệp…</source>
        <translation>Add &amp;files…</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="142"/>
        <source>PDF, JPEG, PNG, TIFF; hoặc kéo thả tệp vào trang này</source>
        <translation>PDF, JPEG, PNG, TIFF; or drag and drop files onto this page</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="143"/>
        <source>Lô &amp;mới</source>
        <translation>&amp;New batch</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="144"/>
        <source>&amp;Xác minh chữ ký PDF…</source>
        <translation>&amp;Verify a PDF signature…</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="196"/>
        <source>Bản quét xám không đạt quy định (cần màu, ≥ 200 dpi).</source>
        <translation>A gray scan does not meet the rules (colour, ≥ 200 dpi required).</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="199"/>
        <source>Màu, ≥ 200 dpi, tỷ lệ 100%: đúng quy định số hóa.</source>
        <translation>Colour, ≥ 200 dpi, 100% scale: meets the digitizing rules.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="208"/>
        <source>Đang tìm máy quét…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="224"/>
        <source>Tìm thấy {n} máy quét.</source>
        <translation>{n} scanner(s) found.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="225"/>
        <source>Không tìm thấy máy quét nào (kiểm tra cáp, nguồn, trình điều khiển).</source>
        <translation>No scanner found (check the cable, power and driver).</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="234"/>
        <source>Chọn tệp PDF để xác minh chữ ký</source>
        <translation>Choose a PDF to verify its signature</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="234"/>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="243"/>
        <source>Đang xác minh…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="250"/>
        <source>CHƯA KÝ SỐ</source>
        <translation>NOT SIGNED</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="252"/>
        <source>HỢP LỆ, tin cậy</source>
        <translation>VALID, trusted</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="254"/>
        <source>HỢP LỆ (chứng thư chưa được tin cậy trên máy này)</source>
        <translation>VALID (certificate not trusted on this PC)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="256"/>
        <source>KHÔNG HỢP LỆ</source>
        <translation>NOT VALID</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="259"/>
        <source>Người ký: {s}</source>
        <translation>Signer: {s}</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="261"/>
        <source>Thời điểm ký: {t}</source>
        <translation>Signed at: {t}</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="263"/>
        <source>có dấu thời gian</source>
        <translation>timestamped</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="263"/>
        <source>không có dấu thời gian</source>
        <translation>no timestamp</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="264"/>
        <source>Mức chữ ký: PAdES {l}, {s}</source>
        <translation>Signature level: PAdES {l}, {s}</translation>
    </message>
    <message>
        <location filename="../../ui/scan/scanner_panel.py" line="277"/>
        <source>Xác minh chữ ký số</source>
        <translation>Signature check</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/sync_dialogs.py" line="36"/>
        <source>Đăng nhập cổng dịch vụ công</source>
        <translation>Sign in to the public service portal</translation>
    </message>
    <message>
        <location filename="../../ui/sync_dialogs.py" line="42"/>
        <source>&amp;Địa chỉ cổng:</source>
        <translation>Portal &amp;address:</translation>
    </message>
    <message>
        <location filename="../../ui/sync_dialogs.py" line="43"/>
        <source>&amp;Tên đăng nhập:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="49"/>
        <source>Cán bộ đăng nhập</source>
        <translation>Officer sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="59"/>
        <location filename="../../ui/sync_dialogs.py" line="44"/>
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="64"/>
        <source>Chọn cán bộ:</source>
        <translation>Choose the officer:</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="69"/>
        <source>Đăng nhập bằng tài khoản &amp;cổng…</source>
        <translation>Sign in with a portal &amp;account…</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="91"/>
        <source>Chưa chọn cán bộ</source>
        <translation>No officer chosen</translation>
    </message>
    <message>
        <location filename="../../ui/sync_dialogs.py" line="45"/>
        <source>Mã phiên chỉ lưu trong kho mật khẩu của hệ điều hành.</source>
        <translation>The session token is kept only in the operating system&apos;s keyring.</translation>
    </message>
</context>
<context>
    <name>UserForm</name>
    <message>
        <location filename="../../ui/users/password_form.py" line="28"/>
        <source>&amp;Lưu</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../ui/users/password_form.py" line="29"/>
        <source>Bỏ &amp;qua</source>
        <translation>Cance&amp;l</translation>
    </message>
    <message>
        <location filename="../../ui/users/user_form.py" line="41"/>
        <source>Thêm người dùng</source>
        <translation>Add a user</translation>
    </message>
    <message>
        <location filename="../../ui/users/user_form.py" line="41"/>
        <source>Sửa thông tin người dùng</source>
        <translation>Edit a user</translation>
    </message>
    <message>
        <location filename="../../ui/users/user_form.py" line="53"/>
        <source>&amp;Tên đăng nhập:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <location filename="../../ui/users/user_form.py" line="54"/>
        <source>&amp;Họ và tên:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../ui/users/user_form.py" line="55"/>
        <source>&amp;Chức danh:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <location filename="../../ui/users/user_form.py" line="56"/>
        <source>Điện th&amp;oại:</source>
        <translation>Ph&amp;one:</translation>
    </message>
    <message>
        <location filename="../../ui/users/user_form.py" line="57"/>
        <source>&amp;Vai trò:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <location filename="../../ui/users/user_form.py" line="59"/>
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../ui/users/user_form.py" line="60"/>
        <source>&amp;Nhập lại mật khẩu:</source>
        <translation>Confirm passwor&amp;d:</translation>
    </message>
    <message>
        <location filename="../../ui/users/user_form.py" line="63"/>
        <source>Người dùng đầu tiên là quản trị: người đó thêm những người khác.</source>
        <translation>The first user is an admin, who then adds the others.</translation>
    </message>
    <message>
        <location filename="../../ui/users/user_form.py" line="94"/>
        <source>Hai lần nhập mật khẩu không khớp</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>UserRoles</name>
    <message>
        <location filename="../../ui/users/user_form.py" line="28"/>
        <source>Cán bộ tiếp nhận</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../ui/users/user_form.py" line="28"/>
        <source>Lãnh đạo</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/users/user_form.py" line="29"/>
        <source>Quản trị</source>
        <translation>Admin</translation>
    </message>
</context>
<context>
    <name>UsersEntry</name>
    <message>
        <location filename="../../ui/users/entry.py" line="40"/>
        <source>Quản lý người &amp;dùng…</source>
        <translation>Manage &amp;users…</translation>
    </message>
    <message>
        <location filename="../../ui/users/entry.py" line="49"/>
        <source>Quản lý người dùng</source>
        <translation>Manage users</translation>
    </message>
</context>
<context>
    <name>UsersScreen</name>
    <message>
        <location filename="../../ui/users/screen.py" line="49"/>
        <source>Người dùng</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="53"/>
        <source>Tên đăng nhập</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="53"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="53"/>
        <source>Chức danh</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="53"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="54"/>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="54"/>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="63"/>
        <source>&amp;Thêm…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="64"/>
        <source>&amp;Sửa…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="65"/>
        <source>&amp;Khoá tài khoản</source>
        <translation>&amp;Disable</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="67"/>
        <source>&amp;Mở lại tài khoản</source>
        <translation>E&amp;nable</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="69"/>
        <source>Đặt lại mật k&amp;hẩu…</source>
        <translation>&amp;Reset password…</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="71"/>
        <source>Đó&amp;ng</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="95"/>
        <source>Đã khoá</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="95"/>
        <source>Hoạt động</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="97"/>
        <source> (cổng)</source>
        <translation> (portal)</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="148"/>
        <source>Đã lưu {name}</source>
        <translation>{name} saved</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="163"/>
        <source>Đã khoá {name}</source>
        <translation>{name} disabled</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="163"/>
        <source>Đã mở khoá {name}</source>
        <translation>{name} enabled</translation>
    </message>
    <message>
        <location filename="../../ui/users/screen.py" line="176"/>
        <source>Đã đặt mật khẩu mới cho {name}</source>
        <translation>New password set for {name}</translation>
    </message>
</context>
</TS>
