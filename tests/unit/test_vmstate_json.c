/*
 * JSON for the VMState engine (vmstate/json.c): the parser (values, nesting,
 * errors with their byte offsets) and the writer (QEMU's compact format);
 * and descriptions built from a vmdesc (vmstate/vmdesc.c): the JSON
 * description of a real QEMU 7.2 virt stream, every device of it built,
 * a body loaded and saved back byte for byte with a byte-identical JSON.
 */
#include "vmstate/json.h"
#include "vmstate/stream.h"
#include "vmstate/vmdesc.h"
#include "vmstate/vmstate.h"

#include "test_vmstate_util.h"

/*
 * The JSON description at the end of a stream that Debian's
 * qemu-system-arm 7.2 wrote for -M virt -cpu cortex-a15 -m 64 -nodefaults
 * (stopped before the migration), verbatim.
 */
static const char qemu_vmdesc[] =
	"{\"page_size\": 4096, \"devices\": ["
	/* timer.0 */
	"{\"name\": \"timer\", \"instance_id\": 0, \"vmsd_name\": \"timer\", \"version\": 2, \"fi"
	"elds\": [{\"name\": \"cpu_ticks_offset\", \"type\": \"int64\", \"size\": 8}, {\"name\": "
	"\"unused\", \"type\": \"unused_buffer\", \"size\": 8}, {\"name\": \"cpu_clock_offset\", "
	"\"type\": \"int64\", \"size\": 8}]}, "
	/* pflash_cfi01.0 */
	"{\"name\": \"pflash_cfi01\", \"instance_id\": 0, \"vmsd_name\": \"pflash_cfi01\", \"vers"
	"ion\": 1, \"fields\": [{\"name\": \"wcycle\", \"type\": \"uint8\", \"size\": 1}, {\"name"
	"\": \"cmd\", \"type\": \"uint8\", \"size\": 1}, {\"name\": \"status\", \"type\": \"uint8"
	"\", \"size\": 1}, {\"name\": \"counter\", \"type\": \"uint64\", \"size\": 8}]}, "
	/* pflash_cfi01.1 */
	"{\"name\": \"pflash_cfi01\", \"instance_id\": 1, \"vmsd_name\": \"pflash_cfi01\", \"vers"
	"ion\": 1, \"fields\": [{\"name\": \"wcycle\", \"type\": \"uint8\", \"size\": 1}, {\"name"
	"\": \"cmd\", \"type\": \"uint8\", \"size\": 1}, {\"name\": \"status\", \"type\": \"uint8"
	"\", \"size\": 1}, {\"name\": \"counter\", \"type\": \"uint64\", \"size\": 8}]}, "
	/* cpu_common.0 */
	"{\"name\": \"cpu_common\", \"instance_id\": 0, \"vmsd_name\": \"cpu_common\", \"version\""
	": 1, \"fields\": [{\"name\": \"halted\", \"type\": \"uint32\", \"size\": 4}, {\"name\": "
	"\"interrupt_request\", \"type\": \"uint32\", \"size\": 4}]}, "
	/* cpu.0 */
	"{\"name\": \"cpu\", \"instance_id\": 0, \"vmsd_name\": \"cpu\", \"version\": 22, \"field"
	"s\": [{\"name\": \"env.regs\", \"array_len\": 16, \"type\": \"uint32\", \"size\": 4}, {\""
	"name\": \"env.xregs\", \"array_len\": 32, \"type\": \"uint64\", \"size\": 8}, {\"name\":"
	" \"env.pc\", \"type\": \"uint64\", \"size\": 8}, {\"name\": \"cpsr\", \"type\": \"cpsr\""
	", \"size\": 4}, {\"name\": \"env.spsr\", \"type\": \"uint32\", \"size\": 4}, {\"name\": "
	"\"env.banked_spsr\", \"array_len\": 8, \"type\": \"uint64\", \"size\": 8}, {\"name\": \""
	"env.banked_r13\", \"array_len\": 8, \"type\": \"uint32\", \"size\": 4}, {\"name\": \"env"
	".banked_r14\", \"array_len\": 8, \"type\": \"uint32\", \"size\": 4}, {\"name\": \"env.us"
	"r_regs\", \"array_len\": 5, \"type\": \"uint32\", \"size\": 4}, {\"name\": \"env.fiq_reg"
	"s\", \"array_len\": 5, \"type\": \"uint32\", \"size\": 4}, {\"name\": \"env.elr_el\", \""
	"array_len\": 4, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.sp_el\", \"array_le"
	"n\": 4, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"cpreg_vmstate_array_len\", \"ty"
	"pe\": \"int32 le\", \"size\": 4}, {\"name\": \"cpreg_vmstate_indexes\", \"array_len\": 1"
	"97, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"cpreg_vmstate_values\", \"array_len"
	"\": 197, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.exclusive_addr\", \"type\""
	": \"uint64\", \"size\": 8}, {\"name\": \"env.exclusive_val\", \"type\": \"uint64\", \"si"
	"ze\": 8}, {\"name\": \"env.exclusive_high\", \"type\": \"uint64\", \"size\": 8}, {\"name"
	"\": \"unused\", \"type\": \"unused_buffer\", \"size\": 8}, {\"name\": \"env.exception.sy"
	"ndrome\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"env.exception.fsr\", \"type\""
	": \"uint32\", \"size\": 4}, {\"name\": \"env.exception.vaddress\", \"type\": \"uint64\","
	" \"size\": 8}, {\"name\": \"gt_timer[0]\", \"type\": \"timer\", \"size\": 8}, {\"name\":"
	" \"gt_timer[1]\", \"type\": \"timer\", \"size\": 8}, {\"name\": \"power_state\", \"type\""
	": \"powered_off\", \"size\": 1}], \"subsections\": [{\"vmsd_name\": \"cpu/vfp\", \"versi"
	"on\": 3, \"fields\": [{\"name\": \"env.vfp.zregs[0].d\", \"array_len\": 2, \"type\": \"u"
	"int64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[1].d\", \"array_len\": 2, \"type\": \""
	"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[2].d\", \"array_len\": 2, \"type\": \""
	"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[3].d\", \"array_len\": 2, \"type\": \""
	"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[4].d\", \"array_len\": 2, \"type\": \""
	"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[5].d\", \"array_len\": 2, \"type\": \""
	"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[6].d\", \"array_len\": 2, \"type\": \""
	"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[7].d\", \"array_len\": 2, \"type\": \""
	"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[8].d\", \"array_len\": 2, \"type\": \""
	"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[9].d\", \"array_len\": 2, \"type\": \""
	"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[10].d\", \"array_len\": 2, \"type\": "
	"\"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[11].d\", \"array_len\": 2, \"type\""
	": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[12].d\", \"array_len\": 2, \"type"
	"\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[13].d\", \"array_len\": 2, \"ty"
	"pe\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[14].d\", \"array_len\": 2, \""
	"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[15].d\", \"array_len\": 2, "
	"\"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[16].d\", \"array_len\": 2"
	", \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[17].d\", \"array_len\":"
	" 2, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[18].d\", \"array_len\""
	": 2, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[19].d\", \"array_len"
	"\": 2, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[20].d\", \"array_l"
	"en\": 2, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[21].d\", \"array"
	"_len\": 2, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[22].d\", \"arr"
	"ay_len\": 2, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[23].d\", \"a"
	"rray_len\": 2, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[24].d\", \""
	"array_len\": 2, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[25].d\", "
	"\"array_len\": 2, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[26].d\""
	", \"array_len\": 2, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[27].d"
	"\", \"array_len\": 2, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[28]"
	".d\", \"array_len\": 2, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs[2"
	"9].d\", \"array_len\": 2, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zregs"
	"[30].d\", \"array_len\": 2, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.zre"
	"gs[31].d\", \"array_len\": 2, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.vfp.x"
	"regs[0]\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"env.vfp.xregs\", \"array_len"
	"\": 14, \"type\": \"uint32\", \"size\": 4}, {\"name\": \"fpscr\", \"type\": \"fpscr\", \""
	"size\": 4}]}, {\"vmsd_name\": \"cpu/thumb2ee\", \"version\": 1, \"fields\": [{\"name\": "
	"\"env.teecr\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"env.teehbr\", \"type\": "
	"\"uint32\", \"size\": 4}]}, {\"vmsd_name\": \"cpu/irq-line-state\", \"version\": 1, \"fi"
	"elds\": [{\"name\": \"env.irq_line_state\", \"type\": \"uint32\", \"size\": 4}]}]}, "
	/* arm_gic.0 */
	"{\"name\": \"arm_gic\", \"instance_id\": 0, \"vmsd_name\": \"arm_gic\", \"version\": 12,"
	" \"fields\": [{\"name\": \"ctlr\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"cpu_"
	"ctlr\", \"array_len\": 8, \"type\": \"uint32\", \"size\": 4}, {\"name\": \"irq_state\", "
	"\"array_len\": 1020, \"type\": \"struct\", \"struct\": {\"vmsd_name\": \"arm_gic_irq_sta"
	"te\", \"version\": 1, \"fields\": [{\"name\": \"enabled\", \"type\": \"uint8\", \"size\""
	": 1}, {\"name\": \"pending\", \"type\": \"uint8\", \"size\": 1}, {\"name\": \"active\", "
	"\"type\": \"uint8\", \"size\": 1}, {\"name\": \"level\", \"type\": \"uint8\", \"size\": "
	"1}, {\"name\": \"model\", \"type\": \"bool\", \"size\": 1}, {\"name\": \"edge_trigger\","
	" \"type\": \"bool\", \"size\": 1}, {\"name\": \"group\", \"type\": \"uint8\", \"size\": "
	"1}]}, \"size\": 7}, {\"name\": \"irq_target\", \"array_len\": 1020, \"type\": \"uint8\","
	" \"size\": 1}, {\"name\": \"priority1\", \"array_len\": 256, \"type\": \"uint8\", \"size"
	"\": 1}, {\"name\": \"priority2\", \"array_len\": 988, \"type\": \"uint8\", \"size\": 1},"
	" {\"name\": \"sgi_pending\", \"array_len\": 128, \"type\": \"uint8\", \"size\": 1}, {\"n"
	"ame\": \"priority_mask\", \"array_len\": 8, \"type\": \"uint16\", \"size\": 2}, {\"name\""
	": \"running_priority\", \"array_len\": 8, \"type\": \"uint16\", \"size\": 2}, {\"name\":"
	" \"current_pending\", \"array_len\": 8, \"type\": \"uint16\", \"size\": 2}, {\"name\": \""
	"bpr\", \"array_len\": 8, \"type\": \"uint8\", \"size\": 1}, {\"name\": \"abpr\", \"array"
	"_len\": 8, \"type\": \"uint8\", \"size\": 1}, {\"name\": \"apr\", \"array_len\": 32, \"t"
	"ype\": \"uint32\", \"size\": 4}, {\"name\": \"nsapr\", \"array_len\": 32, \"type\": \"ui"
	"nt32\", \"size\": 4}]}, "
	/* pl011.0 */
	"{\"name\": \"pl011\", \"instance_id\": 0, \"vmsd_name\": \"pl011\", \"version\": 2, \"fi"
	"elds\": [{\"name\": \"readbuff\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"flags"
	"\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"lcr\", \"type\": \"uint32\", \"size"
	"\": 4}, {\"name\": \"rsr\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"cr\", \"typ"
	"e\": \"uint32\", \"size\": 4}, {\"name\": \"dmacr\", \"type\": \"uint32\", \"size\": 4},"
	" {\"name\": \"int_enabled\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"int_level\""
	", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"read_fifo\", \"array_len\": 16, \"typ"
	"e\": \"uint32\", \"size\": 4}, {\"name\": \"ilpr\", \"type\": \"uint32\", \"size\": 4}, "
	"{\"name\": \"ibrd\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"fbrd\", \"type\": "
	"\"uint32\", \"size\": 4}, {\"name\": \"ifl\", \"type\": \"uint32\", \"size\": 4}, {\"nam"
	"e\": \"read_pos\", \"type\": \"int32\", \"size\": 4}, {\"name\": \"read_count\", \"type\""
	": \"int32\", \"size\": 4}, {\"name\": \"read_trigger\", \"type\": \"int32\", \"size\": 4"
	"}], \"subsections\": [{\"vmsd_name\": \"pl011/clock\", \"version\": 1, \"fields\": [{\"n"
	"ame\": \"clk\", \"type\": \"struct\", \"struct\": {\"vmsd_name\": \"clock\", \"version\""
	": 0, \"fields\": [{\"name\": \"period\", \"type\": \"uint64\", \"size\": 8}]}, \"size\":"
	" 8}]}]}, "
	/* pl031.0 */
	"{\"name\": \"pl031\", \"instance_id\": 0, \"vmsd_name\": \"pl031\", \"version\": 1, \"fi"
	"elds\": [{\"name\": \"tick_offset_vmstate\", \"type\": \"uint32\", \"size\": 4}, {\"name"
	"\": \"mr\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"lr\", \"type\": \"uint32\","
	" \"size\": 4}, {\"name\": \"cr\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"im\","
	" \"type\": \"uint32\", \"size\": 4}, {\"name\": \"is\", \"type\": \"uint32\", \"size\": "
	"4}], \"subsections\": [{\"vmsd_name\": \"pl031/tick-offset\", \"version\": 1, \"fields\""
	": [{\"name\": \"tick_offset\", \"type\": \"uint32\", \"size\": 4}]}]}, "
	/* 0000:00:00.0/gpex_root.0 */
	"{\"name\": \"0000:00:00.0/gpex_root\", \"instance_id\": 0, \"vmsd_name\": \"gpex_root\","
	" \"version\": 1, \"fields\": [{\"name\": \"parent_obj\", \"type\": \"struct\", \"struct\""
	": {\"vmsd_name\": \"PCIDevice\", \"version\": 2, \"fields\": [{\"name\": \"version_id\","
	" \"type\": \"int32 le\", \"size\": 4}, {\"name\": \"config[0]\", \"type\": \"pci config\""
	", \"size\": 256}, {\"name\": \"irq_state\", \"type\": \"pci irq state\", \"size\": 16}]}"
	", \"size\": 276}]}, "
	/* PCIHost.0 */
	"{\"name\": \"PCIHost\", \"instance_id\": 0, \"vmsd_name\": \"PCIHost\", \"version\": 1, "
	"\"fields\": [{\"name\": \"config_reg\", \"type\": \"uint32\", \"size\": 4}]}, "
	/* PCIBUS.0 */
	"{\"name\": \"PCIBUS\", \"instance_id\": 0, \"vmsd_name\": \"PCIBUS\", \"version\": 1, \""
	"fields\": [{\"name\": \"nirq\", \"type\": \"int32 equal\", \"size\": 4}, {\"name\": \"ir"
	"q_count\", \"array_len\": 4, \"type\": \"int32\", \"size\": 4}]}, "
	/* pl061.0 */
	"{\"name\": \"pl061\", \"instance_id\": 0, \"vmsd_name\": \"pl061\", \"version\": 4, \"fi"
	"elds\": [{\"name\": \"locked\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"data\","
	" \"type\": \"uint32\", \"size\": 4}, {\"name\": \"old_out_data\", \"type\": \"uint32\", "
	"\"size\": 4}, {\"name\": \"old_in_data\", \"type\": \"uint32\", \"size\": 4}, {\"name\":"
	" \"dir\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"isense\", \"type\": \"uint32\""
	", \"size\": 4}, {\"name\": \"ibe\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"iev"
	"\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"im\", \"type\": \"uint32\", \"size\""
	": 4}, {\"name\": \"istate\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"afsel\", \""
	"type\": \"uint32\", \"size\": 4}, {\"name\": \"dr2r\", \"type\": \"uint32\", \"size\": 4"
	"}, {\"name\": \"dr4r\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"dr8r\", \"type\""
	": \"uint32\", \"size\": 4}, {\"name\": \"odr\", \"type\": \"uint32\", \"size\": 4}, {\"n"
	"ame\": \"pur\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"pdr\", \"type\": \"uint"
	"32\", \"size\": 4}, {\"name\": \"slr\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \""
	"den\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"cr\", \"type\": \"uint32\", \"si"
	"ze\": 4}, {\"name\": \"amsel\", \"type\": \"uint32\", \"size\": 4}]}, "
	/* gpio-key.0 */
	"{\"name\": \"gpio-key\", \"instance_id\": 0, \"vmsd_name\": \"gpio-key\", \"version\": 1"
	", \"fields\": [{\"name\": \"timer\", \"type\": \"timer\", \"size\": 8}]}, "
	/* fw_cfg.0 */
	"{\"name\": \"fw_cfg\", \"instance_id\": 0, \"vmsd_name\": \"fw_cfg\", \"version\": 2, \""
	"fields\": [{\"name\": \"cur_entry\", \"type\": \"uint16\", \"size\": 2}, {\"name\": \"cu"
	"r_offset[1]\", \"type\": \"uint32\", \"size\": 4}], \"subsections\": [{\"vmsd_name\": \""
	"fw_cfg/dma\", \"version\": 0, \"fields\": [{\"name\": \"dma_addr\", \"type\": \"uint64\""
	", \"size\": 8}]}, {\"vmsd_name\": \"fw_cfg/acpi_mr\", \"version\": 1, \"fields\": [{\"na"
	"me\": \"table_mr_size\", \"type\": \"uint64\", \"size\": 8}, {\"name\": \"linker_mr_size"
	"\", \"type\": \"uint64\", \"size\": 8}, {\"name\": \"rsdp_mr_size\", \"type\": \"uint64\""
	", \"size\": 8}]}]}, "
	/* virt_acpi_build.0 */
	"{\"name\": \"virt_acpi_build\", \"instance_id\": 0, \"vmsd_name\": \"virt_acpi_build\", "
	"\"version\": 1, \"fields\": [{\"name\": \"patched\", \"type\": \"bool\", \"size\": 1}]},"
	" "
	/* globalstate.0 */
	"{\"name\": \"globalstate\", \"instance_id\": 0, \"vmsd_name\": \"globalstate\", \"versio"
	"n\": 1, \"fields\": [{\"name\": \"size\", \"type\": \"uint32\", \"size\": 4}, {\"name\":"
	" \"runstate\", \"type\": \"buffer\", \"size\": 100}]}"
	"]}";

/* ---- helpers ---- */

static struct vms_jnode nodes[8192];

static bool parse(struct vms_jdoc *doc, const char *text, struct vms_error *err)
{
	memset(err, 0, sizeof(*err));
	return vms_json_parse(doc, text, (uint32_t)strlen(text), nodes, 8192, 0, err);
}

static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = strlen(hex) / 2;
	assert_true(n <= cap);
	for (size_t i = 0; i < n; i++) {
		unsigned b;
		assert_int_equal(sscanf(hex + 2 * i, "%2x", &b), 1);
		out[i] = (uint8_t)b;
	}
	return n;
}

/* ---- parser ---- */

static void parse_builds_nested_objects_and_arrays(void **state)
{
	struct vms_jdoc doc;
	struct vms_error err;
	char buf[16];
	assert_true(parse(&doc, " {\"a\": [1, {\"b\": \"c\"}, []], \"d\" :{ } ,\"e\":\"\"}\n",
			  &err));
	assert_false(err.set);
	assert_int_equal(doc.count, 8);
	assert_int_equal(doc.nodes[0].type, VMS_JOBJ);
	int32_t a = vms_json_get(&doc, 0, "a");
	assert_true(a > 0);
	assert_int_equal(doc.nodes[a].type, VMS_JARR);
	int32_t one = doc.nodes[a].child;
	assert_int_equal(doc.nodes[one].type, VMS_JNUM);
	assert_int_equal(doc.nodes[one].num, 1);
	int32_t obj = doc.nodes[one].next;
	assert_int_equal(doc.nodes[obj].type, VMS_JOBJ);
	assert_true(vms_json_streq(&doc, vms_json_get(&doc, obj, "b"), "c"));
	int32_t empty = doc.nodes[obj].next;
	assert_int_equal(doc.nodes[empty].type, VMS_JARR);
	assert_int_equal(doc.nodes[empty].child, -1);
	assert_int_equal(doc.nodes[empty].next, -1);
	int32_t d = vms_json_get(&doc, 0, "d");
	assert_int_equal(doc.nodes[d].type, VMS_JOBJ);
	assert_int_equal(doc.nodes[d].child, -1);
	int32_t e = vms_json_get(&doc, 0, "e");
	assert_true(vms_json_strcpy(&doc, e, buf, sizeof(buf)));
	assert_str(buf, "");
	assert_int_equal(vms_json_get(&doc, 0, "z"), -1);
	assert_int_equal(vms_json_get(&doc, a, "a"), -1); /* not an object */
	assert_int_equal(vms_json_get(&doc, -1, "a"), -1);
}

static void parse_reads_negative_numbers_and_literals(void **state)
{
	struct vms_jdoc doc;
	struct vms_error err;
	assert_true(parse(&doc, "[-5, 0, -0, true, false, null, 9223372036854775807, "
				"-9223372036854775808, 18]", &err));
	int32_t c = doc.nodes[0].child;
	assert_int_equal(doc.nodes[c].num, -5);
	c = doc.nodes[c].next;
	assert_int_equal(doc.nodes[c].num, 0);
	c = doc.nodes[c].next;
	assert_int_equal(doc.nodes[c].num, 0);
	c = doc.nodes[c].next;
	assert_int_equal(doc.nodes[c].type, VMS_JBOOL);
	assert_true(doc.nodes[c].boolean);
	c = doc.nodes[c].next;
	assert_int_equal(doc.nodes[c].type, VMS_JBOOL);
	assert_false(doc.nodes[c].boolean);
	c = doc.nodes[c].next;
	assert_int_equal(doc.nodes[c].type, VMS_JNULL);
	c = doc.nodes[c].next;
	assert_true(doc.nodes[c].num == INT64_MAX);
	c = doc.nodes[c].next;
	assert_true(doc.nodes[c].num == INT64_MIN);
	c = doc.nodes[c].next;
	assert_int_equal(doc.nodes[c].num, 18);
	assert_int_equal(doc.nodes[c].next, -1);
}

static void parse_keeps_strings_raw_and_bounds_copies(void **state)
{
	struct vms_jdoc doc;
	struct vms_error err;
	char buf[8];
	assert_true(parse(&doc, "{\"k\\\"ey\": \"a\\\\b\\\"\", \"x\": \"1234567\"}", &err));
	int32_t v = doc.nodes[0].child;
	assert_int_equal(doc.nodes[v].keylen, 5);
	assert_memory_equal(doc.text + doc.nodes[v].key, "k\\\"ey", 5);
	assert_int_equal(doc.nodes[v].strlen, 6);
	assert_memory_equal(doc.text + doc.nodes[v].str, "a\\\\b\\\"", 6);
	int32_t x = vms_json_get(&doc, 0, "x");
	assert_false(vms_json_strcpy(&doc, x, buf, 7)); /* 7 chars + NUL */
	assert_true(vms_json_strcpy(&doc, x, buf, 8));
	assert_str(buf, "1234567");
	assert_false(vms_json_strcpy(&doc, 0, buf, 8)); /* not a string */
	assert_false(vms_json_streq(&doc, x, "123456"));
	assert_false(vms_json_streq(&doc, -1, ""));
}

static void parse_errors_name_their_byte_and_what_was_expected(void **state)
{
	static const struct {
		const char *text;
		uint32_t offset;
		const char *what;
	} cases[] = {
		{ "", 0, "value expected" },
		{ "   ", 3, "value expected" },
		{ "{\"a\": \"xyz", 10, "unterminated string" },
		{ "\"ab\\", 4, "unterminated string" },
		{ "{\"a\" 1}", 5, "':' expected" },
		{ "{\"a\": 1 \"b\": 2}", 8, "',' or '}' expected" },
		{ "[1 2]", 3, "',' or ']' expected" },
		{ "[1,]", 3, "value expected" },
		{ "{1: 2}", 1, "string expected" },
		{ "{} x", 3, "text after the JSON value" },
		{ "[tru]", 1, "value expected" },
		{ "-", 1, "digit expected" },
		{ "[-x]", 2, "digit expected" },
		{ "1.5", 1, "only integers are expected" },
		{ "2e3", 1, "only integers are expected" },
		{ "\"a\tb\"", 2, "control character in string" },
		{ "[1", 2, "',' or ']' expected" },
		{ "{\"a\":", 5, "value expected" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vms_jdoc doc;
		struct vms_error err = { 0 };
		uint32_t len = (uint32_t)strlen(cases[i].text);
		if (vms_json_parse(&doc, cases[i].text, len, nodes, 64, 1000, &err))
			fail_msg("'%s' parsed", cases[i].text);
		assert_error(&err, 1000 + cases[i].offset, "JSON description: ", cases[i].what,
			     NULL);
	}
}

static void parse_refuses_numbers_beyond_64_bits(void **state)
{
	static const char *const texts[] = {
		"9223372036854775808", "-9223372036854775809", "18446744073709551615",
		"99999999999999999999999",
	};
	for (size_t i = 0; i < 4; i++) {
		struct vms_jdoc doc;
		struct vms_error err;
		if (parse(&doc, texts[i], &err))
			fail_msg("'%s' parsed as %lld", texts[i], (long long)doc.nodes[0].num);
		assert_true(err.set);
		assert_non_null(strstr(err.msg, "number too large"));
	}
}

static void parse_refuses_nesting_beyond_its_limit(void **state)
{
	char text[2 * (VMS_JSON_MAX_DEPTH + 2) + 1];
	struct vms_jdoc doc;
	struct vms_error err;
	/* depth VMS_JSON_MAX_DEPTH (the outermost value is depth 0) parses */
	unsigned n = VMS_JSON_MAX_DEPTH + 1;
	memset(text, '[', n);
	memset(text + n, ']', n);
	text[2 * n] = 0;
	assert_true(parse(&doc, text, &err));
	n++;
	memset(text, '[', n);
	memset(text + n, ']', n);
	text[2 * n] = 0;
	assert_false(parse(&doc, text, &err));
	assert_error(&err, n - 1, "nested too deep", NULL);
}

static void parse_refuses_more_values_than_nodes(void **state)
{
	struct vms_jdoc doc;
	struct vms_error err = { 0 };
	const char *text = "[1, 2, 3]";
	assert_true(vms_json_parse(&doc, text, 9, nodes, 4, 0, &err));
	assert_false(vms_json_parse(&doc, text, 9, nodes, 3, 7, &err));
	assert_error(&err, 7 + 7, "too many values", NULL);
	memset(&err, 0, sizeof(err));
	assert_false(vms_json_parse(&doc, text, 9, nodes, 0, 0, &err));
	assert_error(&err, 0, "too many values", NULL);
}

/* ---- writer ---- */

static void writer_formats_like_qemus_compact_json_writer(void **state)
{
	char buf[256];
	struct vms_error err = { 0 };
	struct vms_out out;
	struct vms_json j;
	vms_out_buffer(&out, buf, sizeof(buf) - 1, &err);
	vms_json_init(&j, &out);
	vms_json_start_object(&j, NULL);
	vms_json_int(&j, "a", 1);
	vms_json_start_array(&j, "b");
	vms_json_int(&j, NULL, -2);
	vms_json_int(&j, NULL, INT64_MIN);
	vms_json_start_object(&j, NULL);
	vms_json_str(&j, "c", "d");
	vms_json_end_object(&j);
	vms_json_start_array(&j, NULL);
	vms_json_end_array(&j);
	vms_json_end_array(&j);
	vms_json_start_object(&j, "e");
	vms_json_end_object(&j);
	vms_json_str(&j, "f", "");
	assert_true(vms_json_end_object(&j));
	buf[out.len] = 0;
	assert_false(err.set);
	assert_str(buf, "{\"a\": 1, \"b\": [-2, -9223372036854775808, {\"c\": \"d\"}, []], "
			"\"e\": {}, \"f\": \"\"}");
}

static void writer_escapes_strings_like_qemu(void **state)
{
	char buf[256];
	struct vms_error err = { 0 };
	struct vms_out out;
	struct vms_json j;
	vms_out_buffer(&out, buf, sizeof(buf) - 1, &err);
	vms_json_init(&j, &out);
	vms_json_start_object(&j, NULL);
	vms_json_str(&j, "q\"k", "a\\b\"c");
	vms_json_str(&j, "c", "\b\f\n\r\t\x01\x1f\x7f/");
	vms_json_end_object(&j);
	buf[out.len] = 0;
	assert_str(buf, "{\"q\\\"k\": \"a\\\\b\\\"c\", "
			"\"c\": \"\\b\\f\\n\\r\\t\\u0001\\u001F\\u007F/\"}");
}

static void writer_refuses_nesting_too_deep(void **state)
{
	char buf[256];
	struct vms_error err = { 0 };
	struct vms_out out;
	struct vms_json j;
	vms_out_buffer(&out, buf, sizeof(buf), &err);
	vms_json_init(&j, &out);
	for (unsigned i = 0; i < VMS_JSON_MAX_DEPTH - 1; i++)
		assert_true(vms_json_start_array(&j, NULL));
	assert_false(vms_json_start_array(&j, NULL));
	assert_error(&err, VMS_JSON_MAX_DEPTH - 1, "JSON nested too deep", NULL);
}

/* ---- vmdesc: QEMU's own description ---- */

static struct vms_jdoc qdoc;

static int setup_qemu_doc(void **state)
{
	struct vms_error err = { 0 };
	if (!vms_json_parse(&qdoc, qemu_vmdesc, (uint32_t)strlen(qemu_vmdesc), nodes, 8192,
			    0, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

static void qemu_vmdesc_lists_every_device_once(void **state)
{
	static const char *const names[] = {
		"timer", "pflash_cfi01", "pflash_cfi01", "cpu_common", "cpu", "arm_gic",
		"pl011", "pl031", "0000:00:00.0/gpex_root", "PCIHost", "PCIBUS", "pl061",
		"gpio-key", "fw_cfg", "virt_acpi_build", "globalstate",
	};
	int32_t devs = vms_json_get(&qdoc, 0, "devices");
	int32_t c = qdoc.nodes[devs].child;
	assert_int_equal(qdoc.nodes[vms_json_get(&qdoc, 0, "page_size")].num, 4096);
	for (size_t i = 0; i < 16; i++, c = qdoc.nodes[c].next) {
		uint32_t inst = i == 2 ? 1 : 0;
		assert_true(vms_json_streq(&qdoc, vms_json_get(&qdoc, c, "name"), names[i]));
		assert_int_equal(vms_vmdesc_find(&qdoc, names[i], inst), c);
	}
	assert_int_equal(c, -1);
	assert_int_equal(vms_vmdesc_find(&qdoc, "pflash_cfi01", 2), -1);
	assert_int_equal(vms_vmdesc_find(&qdoc, "ram", 0), -1);
	assert_int_equal(vms_vmdesc_find(&qdoc, "cpu", 1), -1);
}

/* A body for description object `desc` from the JSON alone (independent
 * of vmdesc.c): fields in order, arrays element by element, structs
 * recursively, then the subsections with their framing. */
struct gen {
	uint8_t *p;
	size_t len, cap;
	unsigned k;
};

static void gen_byte(struct gen *g, uint8_t b)
{
	assert_true(g->len < g->cap);
	g->p[g->len++] = b;
}

static void gen_desc(struct gen *g, const struct vms_jdoc *doc, int32_t desc)
{
	int32_t fields = vms_json_get(doc, desc, "fields");
	int32_t subs = vms_json_get(doc, desc, "subsections");
	for (int32_t f = doc->nodes[fields].child; f >= 0; f = doc->nodes[f].next) {
		int32_t type = vms_json_get(doc, f, "type");
		int32_t n = vms_json_get(doc, f, "array_len");
		int64_t count = n >= 0 ? doc->nodes[n].num : 1;
		int64_t size = doc->nodes[vms_json_get(doc, f, "size")].num;
		for (int64_t i = 0; i < count; i++) {
			if (vms_json_streq(doc, type, "struct"))
				gen_desc(g, doc, vms_json_get(doc, f, "struct"));
			else if (vms_json_streq(doc, type, "bool"))
				gen_byte(g, (uint8_t)(g->k++ & 1));
			else
				for (int64_t b = 0; b < size; b++)
					gen_byte(g, (uint8_t)(g->k++ * 37 + 11));
		}
	}
	for (int32_t s = subs >= 0 ? doc->nodes[subs].child : -1; s >= 0;
	     s = doc->nodes[s].next) {
		char name[256];
		uint32_t v = (uint32_t)doc->nodes[vms_json_get(doc, s, "version")].num;
		assert_true(vms_json_strcpy(doc, vms_json_get(doc, s, "vmsd_name"), name,
					    sizeof(name)));
		gen_byte(g, 0x05);
		gen_byte(g, (uint8_t)strlen(name));
		for (const char *c = name; *c; c++)
			gen_byte(g, (uint8_t)*c);
		for (int sh = 24; sh >= 0; sh -= 8)
			gen_byte(g, (uint8_t)(v >> sh));
		gen_desc(g, doc, s);
	}
}

static uint8_t arena_mem[1 << 20];

/* The device's own text in the vmdesc: from its '{' to the matching '}'. */
static size_t device_text(int32_t dev, const char **start)
{
	const char *p = qemu_vmdesc + qdoc.nodes[vms_json_get(&qdoc, dev, "name")].key - 1;
	int depth = 0;
	while (*p != '{')
		p--;
	*start = p;
	for (const char *q = p;; q++) {
		if (*q == '"') {
			for (q++; *q != '"'; q++)
				;
			continue;
		}
		if (*q == '{')
			depth++;
		if (*q == '}' && --depth == 0)
			return (size_t)(q + 1 - p);
	}
}

/* Load `body` into a blob laid out by the built description, save it back:
 * same bytes, and the same JSON entry as QEMU's. */
static void round_trip_device(int32_t dev, const uint8_t *body, size_t len,
			      void **blob_out, const struct vms_desc **d_out)
{
	struct vms_arena a;
	struct vms_error err = { 0 };
	struct vms_in in;
	struct vms_out out, jout;
	struct vms_json j;
	static uint8_t saved[16384];
	static char json[16384];
	char idstr[256];
	uint32_t size = 0;
	const char *text;
	size_t tlen = device_text(dev, &text);

	vms_arena_init(&a, arena_mem, sizeof(arena_mem));
	const struct vms_desc *d = vms_vmdesc_build(&qdoc, dev, &a, &size, &err);
	if (!d)
		fail_msg("build: %s", err.msg);
	void *blob = calloc(1, size ? size : 1);
	vms_in_buffer(&in, body, len, &err);
	in.section = "test";
	if (!vms_load(&in, d, blob, d->version_id))
		fail_msg("load of %.*s: %s", 60, text, err.msg);
	assert_int_equal(vms_in_tell(&in), len);

	assert_true(vms_json_strcpy(&qdoc, vms_json_get(&qdoc, dev, "name"), idstr,
				    sizeof(idstr)));
	vms_out_buffer(&out, saved, sizeof(saved), &err);
	vms_out_buffer(&jout, json, sizeof(json) - 1, &err);
	vms_json_init(&j, &jout);
	vms_json_start_object(&j, NULL);
	vms_json_str(&j, "name", idstr);
	vms_json_int(&j, "instance_id",
		     qdoc.nodes[vms_json_get(&qdoc, dev, "instance_id")].num);
	assert_true(vms_save(&out, d, blob, &j));
	vms_json_end_object(&j);
	assert_false(err.set);
	json[jout.len] = 0;
	assert_int_equal(out.len, len);
	assert_memory_equal(saved, body, len);
	if (jout.len != tlen || memcmp(json, text, tlen))
		fail_msg("JSON of %s differs:\n%s\nwant:\n%.*s", idstr, json, (int)tlen, text);
	if (blob_out) {
		*blob_out = blob;
		*d_out = d;
	} else {
		free(blob);
	}
}

static void every_qemu_device_builds_loads_and_saves_back_identically(void **state)
{
	/* body sizes in the stream QEMU wrote with this description */
	static const size_t want_len[] = {
		24, 11, 11, 8, 4432, 9888, 149, 51, 276, 4, 20, 84, 8, 74, 1, 104,
	};
	static uint8_t body[16384];
	int32_t devs = vms_json_get(&qdoc, 0, "devices");
	size_t i = 0;
	for (int32_t dev = qdoc.nodes[devs].child; dev >= 0; dev = qdoc.nodes[dev].next, i++) {
		struct gen g = { body, 0, sizeof(body), (unsigned)i };
		gen_desc(&g, &qdoc, dev);
		assert_int_equal(g.len, want_len[i]);
		round_trip_device(dev, body, g.len, NULL, NULL);
	}
	assert_int_equal(i, 16);
}

static void dump_of(const struct vms_desc *d, const void *blob, char *buf, size_t cap)
{
	struct vms_error err = { 0 };
	assert_true(dump_to(d, blob, -1, buf, cap, &err));
}

static void qemu_bodies_decode_to_their_values_and_reencode(void **state)
{
	uint8_t body[512];
	char buf[4096];
	void *blob;
	const struct vms_desc *d;
	size_t n;

	n = unhex("0000000078323bb90000000000000000000000002e4c8305", body, sizeof(body));
	round_trip_device(vms_vmdesc_find(&qdoc, "timer", 0), body, n, &blob, &d);
	dump_of(d, blob, buf, sizeof(buf));
	assert_str(buf, "{\"cpu_ticks_offset\": 2016558009, \"unused\": \"0000000000000000\", "
			"\"cpu_clock_offset\": 776766213}");
	free(blob);

	n = unhex("00000000000000900000000000000000000003000000000000000000000000000000"
		  "00000000000000000000000000000000000000000000000000000000000000000000"
		  "00000000000000000000000000000000000000000000000000000000000000000000"
		  "00000000000000000012000000000000000000000001050b706c3031312f636c6f63"
		  "6b000000010000000000000000", body, sizeof(body));
	assert_int_equal(n, 149);
	round_trip_device(vms_vmdesc_find(&qdoc, "pl011", 0), body, n, &blob, &d);
	dump_of(d, blob, buf, sizeof(buf));
	assert_str(buf, "{\"readbuff\": 0, \"flags\": 144, \"lcr\": 0, \"rsr\": 0, \"cr\": 768, "
			"\"dmacr\": 0, \"int_enabled\": 0, \"int_level\": 0, "
			"\"read_fifo\": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], "
			"\"ilpr\": 0, \"ibrd\": 0, \"fbrd\": 0, \"ifl\": 18, \"read_pos\": 0, "
			"\"read_count\": 0, \"read_trigger\": 1, "
			"\"pl011/clock\": {\"clk\": {\"period\": 0}}}");
	free(blob);

	n = unhex("000000000000050a66775f6366672f646d61000000000000000000000000050e66775f"
		  "6366672f616370695f6d720000000100000000000200000000000000000c00000000"
		  "0000000024", body, sizeof(body));
	round_trip_device(vms_vmdesc_find(&qdoc, "fw_cfg", 0), body, n, &blob, &d);
	dump_of(d, blob, buf, sizeof(buf));
	assert_str(buf, "{\"cur_entry\": 0, \"cur_offset[1]\": 0, \"fw_cfg/dma\": "
			"{\"dma_addr\": 0}, \"fw_cfg/acpi_mr\": {\"table_mr_size\": 131072, "
			"\"linker_mr_size\": 3072, \"rsdp_mr_size\": 36}}");
	free(blob);

	memset(body, 0, 104);
	memcpy(body, "\x00\x00\x00\x07paused", 10);
	round_trip_device(vms_vmdesc_find(&qdoc, "globalstate", 0), body, 104, &blob, &d);
	dump_of(d, blob, buf, sizeof(buf));
	assert_non_null(strstr(buf, "{\"size\": 7, \"runstate\": \"706175736564000000"));
	free(blob);

	n = unhex("ffffffffffffffff", body, sizeof(body));
	round_trip_device(vms_vmdesc_find(&qdoc, "gpio-key", 0), body, n, &blob, &d);
	dump_of(d, blob, buf, sizeof(buf));
	assert_str(buf, "{\"timer\": 18446744073709551615}");
	free(blob);

	n = unhex("0000000400000000fffffffe000000000000000b", body, sizeof(body));
	round_trip_device(vms_vmdesc_find(&qdoc, "PCIBUS", 0), body, n, &blob, &d);
	dump_of(d, blob, buf, sizeof(buf));
	assert_str(buf, "{\"nirq\": 4, \"irq_count\": [0, -2, 0, 11]}");
	free(blob);
}

static void built_descriptions_keep_qemus_shapes(void **state)
{
	struct vms_arena a;
	struct vms_error err = { 0 };
	uint32_t size;
	vms_arena_init(&a, arena_mem, sizeof(arena_mem));

	const struct vms_desc *gic = vms_vmdesc_build(&qdoc, vms_vmdesc_find(&qdoc, "arm_gic", 0),
						      &a, &size, &err);
	assert_non_null(gic);
	assert_str(gic->name, "arm_gic");
	assert_int_equal(gic->version_id, 12);
	const struct vms_field *irq = vms_field_find(gic, "irq_state", NULL, NULL);
	assert_int_equal(irq->kind, VMS_STRUCT);
	/* built fields are in full: wide numbers, a JSON index, verbatim types */
	assert_true(irq->flags & VMS_F_EXT);
	assert_int_equal(irq->ext->num, 1020);
	assert_ptr_equal(vms_field_struct(irq), irq->ext->vmsd);
	assert_str(vms_field_struct(irq)->name, "arm_gic_irq_state");
	assert_int_equal(vms_field_struct(irq)->fields[4].kind, VMS_BOOL);
	/* the blob keeps every member 8-byte aligned: 7 members, 56 bytes */
	assert_int_equal(irq->ext->stride, 56);
	assert_int_equal((const uint8_t *)vms_field_elem(irq, NULL, 2) -
			 (const uint8_t *)vms_field_elem(irq, NULL, 0), 112);
	assert_true(size >= 4 + 32 + 1020 * 56 + 1020 + 256 + 988 + 128 + 48 + 16 + 256);

	const struct vms_desc *cpu = vms_vmdesc_build(&qdoc, vms_vmdesc_find(&qdoc, "cpu", 0),
						      &a, &size, &err);
	assert_non_null(cpu);
	const struct vms_field *f = vms_field_find(cpu, "cpsr", NULL, NULL);
	assert_int_equal(f->kind, VMS_INT);
	assert_int_equal(f->ext->size, 4);
	assert_str(f->ext->type_name, "cpsr");
	f = vms_field_find(cpu, "cpreg_vmstate_array_len", NULL, NULL);
	assert_int_equal(f->flags & VMS_F_SIGNED, VMS_F_SIGNED);
	assert_non_null(vms_field_find(cpu, "gt_timer[1]", NULL, NULL));
	assert_int_equal(vms_field_find(cpu, "unused", NULL, NULL)->kind, VMS_BUFFER);
	const struct vms_desc *owner;
	f = vms_field_find(cpu, "cpu/vfp:fpscr", &owner, NULL);
	assert_non_null(f);
	assert_str(owner->name, "cpu/vfp");
	assert_int_equal(f->ext->size, 4);
	assert_false(err.set);
}

static void whole_vmdesc_is_rewritten_byte_identically_by_the_stream_writer(void **state)
{
	static uint8_t stream[65536], body[16384], jbuf[16384];
	struct vms_error err = { 0 };
	struct vms_out out;
	struct vms_writer w;
	int32_t devs = vms_json_get(&qdoc, 0, "devices");
	uint32_t id = 0;

	vms_out_buffer(&out, stream, sizeof(stream), &err);
	assert_true(vms_writer_begin(&w, &out, jbuf, sizeof(jbuf), &err));
	for (int32_t dev = qdoc.nodes[devs].child; dev >= 0; dev = qdoc.nodes[dev].next) {
		struct vms_arena a;
		struct vms_in in;
		char idstr[256];
		uint32_t size;
		struct gen g = { body, 0, sizeof(body), id };
		gen_desc(&g, &qdoc, dev);
		vms_arena_init(&a, arena_mem, sizeof(arena_mem));
		const struct vms_desc *d = vms_vmdesc_build(&qdoc, dev, &a, &size, &err);
		assert_non_null(d);
		void *blob = calloc(1, size ? size : 1);
		vms_in_buffer(&in, body, g.len, &err);
		assert_true(vms_load(&in, d, blob, d->version_id));
		assert_true(vms_json_strcpy(&qdoc, vms_json_get(&qdoc, dev, "name"), idstr,
					    sizeof(idstr)));
		assert_true(vms_write_section(&w, VMS_REC_FULL, id++, idstr,
					      (uint32_t)qdoc.nodes[vms_json_get(&qdoc, dev,
										"instance_id")].num,
					      d, blob));
		free(blob);
	}
	assert_true(vms_writer_finish(&w));
	assert_false(err.set);

	const char *json;
	uint32_t jlen;
	uint64_t off;
	assert_true(vms_find_vmdesc(stream, out.len, &json, &jlen, &off));
	assert_int_equal(jlen, strlen(qemu_vmdesc));
	assert_int_equal(off + jlen, out.len);
	if (memcmp(json, qemu_vmdesc, jlen))
		fail_msg("JSON differs:\n%.*s", (int)jlen, json);
}

/* ---- vmdesc: built by hand ---- */

static bool build(const char *text, struct vms_error *err, uint8_t *mem, size_t cap,
		  const struct vms_desc **d, uint32_t *size, struct vms_jdoc *doc)
{
	struct vms_arena a;
	assert_true(parse(doc, text, err));
	vms_arena_init(&a, mem, cap);
	*d = vms_vmdesc_build(doc, 0, &a, size, err);
	return *d != NULL;
}

static void indexed_struct_elements_rebuild_and_round_trip(void **state)
{
	/* what QEMU writes for an array of structs with subsections: one entry
	 * an element, "index" instead of "array_len" */
	static const char text[] =
		"{\"name\": \"clocks\", \"instance_id\": 3, \"vmsd_name\": \"clocks\", "
		"\"version\": 1, \"fields\": ["
		"{\"name\": \"c\", \"index\": 0, \"type\": \"struct\", \"struct\": "
		"{\"vmsd_name\": \"clk\", \"version\": 2, \"fields\": [{\"name\": \"p\", "
		"\"type\": \"uint16\", \"size\": 2}], \"subsections\": [{\"vmsd_name\": "
		"\"clk/x\", \"version\": 1, \"fields\": [{\"name\": \"x\", \"type\": \"bool\", "
		"\"size\": 1}]}]}, \"size\": 14}, "
		"{\"name\": \"c\", \"index\": 1, \"type\": \"struct\", \"struct\": "
		"{\"vmsd_name\": \"clk\", \"version\": 2, \"fields\": [{\"name\": \"p\", "
		"\"type\": \"uint16\", \"size\": 2}]}, \"size\": 2}, "
		"{\"name\": \"t\", \"type\": \"int8\", \"size\": 1}]}";
	static const uint8_t body[] = {
		0x12, 0x34, 0x05, 5, 'c', 'l', 'k', '/', 'x', 0, 0, 0, 1, 1,
		0x56, 0x78, 0xff,
	};
	static uint8_t mem[65536], saved[64];
	static char json[2048];
	struct vms_jdoc doc;
	struct vms_error err;
	struct vms_in in;
	struct vms_out out, jout;
	struct vms_json j;
	const struct vms_desc *d;
	uint32_t size;
	char dumped[512];

	assert_true(build(text, &err, mem, sizeof(mem), &d, &size, &doc));
	void *blob = calloc(1, size);
	vms_in_buffer(&in, body, sizeof(body), &err);
	assert_true(vms_load(&in, d, blob, 1));
	assert_int_equal(vms_in_tell(&in), sizeof(body));
	dump_of(d, blob, dumped, sizeof(dumped));
	/* each element has its own description: only the first has clk/x */
	assert_str(dumped, "{\"c\": [{\"p\": 4660, \"clk/x\": {\"x\": true}}, "
			   "{\"p\": 22136}], \"t\": -1}");

	vms_out_buffer(&out, saved, sizeof(saved), &err);
	vms_out_buffer(&jout, json, sizeof(json) - 1, &err);
	vms_json_init(&j, &jout);
	vms_json_start_object(&j, NULL);
	vms_json_str(&j, "name", "clocks");
	vms_json_int(&j, "instance_id", 3);
	assert_true(vms_save(&out, d, blob, &j));
	vms_json_end_object(&j);
	json[jout.len] = 0;
	/* element 1's subsection was absent; it stays absent */
	assert_int_equal(out.len, sizeof(body));
	assert_memory_equal(saved, body, sizeof(body));
	assert_str(json, text);
	free(blob);
}

static void vmdesc_build_errors_name_device_and_field(void **state)
{
	static const struct {
		const char *text;
		const char *msg;
	} cases[] = {
		{ "{\"name\": \"d\", \"vmsd_name\": \"d\", \"version\": 1, \"fields\": "
		  "[{\"name\": \"x\", \"type\": \"uint8\"}]}",
		  "JSON description of 'd', field 'x': bad size, array_len or index" },
		{ "{\"name\": \"d\", \"vmsd_name\": \"d\", \"version\": 1, \"fields\": "
		  "[{\"name\": \"x\", \"size\": 1}]}",
		  "JSON description of 'd', field 'x': a field without name or type" },
		{ "{\"name\": \"d\", \"vmsd_name\": \"d\", \"version\": 1, \"fields\": "
		  "[{\"name\": \"x\", \"type\": \"uint8\", \"size\": -1}]}",
		  "JSON description of 'd', field 'x': size or length out of range" },
		{ "{\"name\": \"d\", \"vmsd_name\": \"d\", \"version\": 1, \"fields\": "
		  "[{\"name\": \"x\", \"type\": \"uint8\", \"size\": 1, \"array_len\": 0}]}",
		  "JSON description of 'd', field 'x': size or length out of range" },
		{ "{\"name\": \"d\", \"vmsd_name\": \"d\", \"version\": 1, \"fields\": "
		  "[{\"name\": \"x\", \"type\": \"buffer\", \"size\": 70000}]}",
		  "JSON description of 'd', field 'x': element larger than 64 KiB" },
		{ "{\"name\": \"d\", \"vmsd_name\": \"d\", \"version\": 1, \"fields\": "
		  "[{\"name\": \"x\", \"type\": \"uint64\", \"size\": 8, \"array_len\": 16777215}]}",
		  "JSON description of 'd', field 'x': description too large" },
		{ "{\"name\": \"d\", \"vmsd_name\": \"d\", \"version\": 1, \"fields\": "
		  "[{\"name\": \"s\", \"type\": \"struct\", \"size\": 1}]}",
		  "JSON description of 'd': description object expected" },
		{ "{\"name\": \"d\", \"vmsd_name\": \"d\", \"version\": 1, \"fields\": {}}",
		  "JSON description of 'd': \"fields\" is not a list" },
		{ "{\"name\": \"d\", \"vmsd_name\": \"d\", \"version\": 1, \"subsections\": 1}",
		  "JSON description of 'd': \"subsections\" is not a list" },
		{ "{\"name\": \"d\", \"version\": 1}",
		  "JSON description of 'd': no vmsd_name or version" },
		{ "{\"name\": \"d\", \"vmsd_name\": \"d\", \"version\": -1}",
		  "JSON description of 'd': no vmsd_name or version" },
		{ "[]", "JSON description of '?': description object expected" },
	};
	static uint8_t mem[65536];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vms_jdoc doc;
		struct vms_error err;
		const struct vms_desc *d;
		uint32_t size;
		assert_false(build(cases[i].text, &err, mem, sizeof(mem), &d, &size, &doc));
		assert_true(err.set);
		assert_str(err.msg, cases[i].msg);
	}
}

/* K structs one in another: {"vmsd_name": "s0", ... "struct": {...}} */
static void nested_structs(char *text, size_t cap, int k)
{
	int n = snprintf(text, cap, "{\"name\": \"deep\", \"instance_id\": 0, "
			 "\"vmsd_name\": \"s\", \"version\": 1, \"fields\": [");
	for (int i = 0; i < k; i++)
		n += snprintf(text + n, cap - (size_t)n,
			      "{\"name\": \"f\", \"type\": \"struct\", \"struct\": "
			      "{\"vmsd_name\": \"s%d\", \"version\": 1, \"fields\": [", i);
	n += snprintf(text + n, cap - (size_t)n,
		      "{\"name\": \"x\", \"type\": \"uint8\", \"size\": 1}");
	for (int i = 0; i < k; i++)
		n += snprintf(text + n, cap - (size_t)n, "]}, \"size\": 1}");
	snprintf(text + n, cap - (size_t)n, "]}");
}

static void vmdesc_nesting_is_bounded_by_the_parser_and_a_full_arena_refused(void **state)
{
	char text[4096], json[4096];
	static uint8_t mem[65536];
	static const uint8_t body[] = { 0x42 };
	uint8_t saved[4];
	struct vms_jdoc doc;
	struct vms_error err;
	struct vms_in in;
	struct vms_out out, jout;
	struct vms_json j;
	const struct vms_desc *d;
	uint32_t size;

	/* 9 structs deep: the innermost values sit at JSON depth 30 */
	nested_structs(text, sizeof(text), 9);
	assert_true(build(text, &err, mem, sizeof(mem), &d, &size, &doc));
	void *blob = calloc(1, size);
	vms_in_buffer(&in, body, 1, &err);
	assert_true(vms_load(&in, d, blob, 1));
	vms_out_buffer(&out, saved, sizeof(saved), &err);
	vms_out_buffer(&jout, json, sizeof(json) - 1, &err);
	vms_json_init(&j, &jout);
	vms_json_start_object(&j, NULL);
	vms_json_str(&j, "name", "deep");
	vms_json_int(&j, "instance_id", 0);
	assert_true(vms_save(&out, d, blob, &j));
	vms_json_end_object(&j);
	json[jout.len] = 0;
	free(blob);
	assert_int_equal(out.len, 1);
	assert_int_equal(saved[0], 0x42);
	assert_str(json, text);

	/* 10: depth 33, beyond the parser's limit */
	nested_structs(text, sizeof(text), 10);
	memset(&err, 0, sizeof(err));
	assert_false(vms_json_parse(&doc, text, (uint32_t)strlen(text), nodes, 8192, 0, &err));
	assert_non_null(strstr(err.msg, "JSON description: nested too deep"));

	assert_false(build("{\"name\": \"d\", \"vmsd_name\": \"d\", \"version\": 1, \"fields\": "
			   "[{\"name\": \"x\", \"type\": \"uint8\", \"size\": 1}, "
			   "{\"name\": \"y\", \"type\": \"uint8\", \"size\": 1}]}",
			   &err, mem, 64, &d, &size, &doc));
	assert_str(err.msg, "JSON description of 'd': too large for tern's memory");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_builds_nested_objects_and_arrays),
		cmocka_unit_test(parse_reads_negative_numbers_and_literals),
		cmocka_unit_test(parse_keeps_strings_raw_and_bounds_copies),
		cmocka_unit_test(parse_errors_name_their_byte_and_what_was_expected),
		cmocka_unit_test(parse_refuses_numbers_beyond_64_bits),
		cmocka_unit_test(parse_refuses_nesting_beyond_its_limit),
		cmocka_unit_test(parse_refuses_more_values_than_nodes),
		cmocka_unit_test(writer_formats_like_qemus_compact_json_writer),
		cmocka_unit_test(writer_escapes_strings_like_qemu),
		cmocka_unit_test(writer_refuses_nesting_too_deep),
		cmocka_unit_test_setup(qemu_vmdesc_lists_every_device_once, setup_qemu_doc),
		cmocka_unit_test_setup(every_qemu_device_builds_loads_and_saves_back_identically,
				       setup_qemu_doc),
		cmocka_unit_test_setup(qemu_bodies_decode_to_their_values_and_reencode,
				       setup_qemu_doc),
		cmocka_unit_test_setup(built_descriptions_keep_qemus_shapes, setup_qemu_doc),
		cmocka_unit_test_setup(whole_vmdesc_is_rewritten_byte_identically_by_the_stream_writer,
				       setup_qemu_doc),
		cmocka_unit_test(indexed_struct_elements_rebuild_and_round_trip),
		cmocka_unit_test(vmdesc_build_errors_name_device_and_field),
		cmocka_unit_test(vmdesc_nesting_is_bounded_by_the_parser_and_a_full_arena_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
